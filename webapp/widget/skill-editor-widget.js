/*
 * <skill-editor-widget>: the Skill Broker's Webex Contact Center Desktop widget.
 *
 * A Web Component (Shadow DOM) in plain JavaScript: no framework, no build step. The Desktop sets
 *   access-token  = $STORE.auth.accessToken  (renewed by the Desktop; read afresh for every call, never stored)
 *   broker-url    = the broker's public URL, e.g. https://broker.example.com/skill-broker
 *   dark-mode     = $STORE.app.darkMode       (optional, "true"/"false")
 *   locale        = $STORE.app.locale         (optional, e.g. "de-DE"; else the browser's languages)
 *   org-id        = $STORE.agent.orgId        (optional, informational)
 * It calls the broker's /api/skill-profiles with the supervisor's own token; the admin token stays on the server.
 * Everything shown is built with textContent: nothing from the network is ever parsed as HTML.
 * The look follows Cisco's Momentum design tokens, as the Desktop around it does.
 */
(() => {
  'use strict';

  const TAG = 'skill-editor-widget';
  if (customElements.get(TAG)) {
    return;
  }

  // Momentum tokens (light, then dark): surfaces, text, outlines, accent, pill buttons, 4 px grid, 14/20 body type.
  const LIGHT = `--bg: #ffffff; --bg-2: #f7f7f7; --bg-3: #ededed; --fg: #141414; --fg-2: #595959;
  --line: #d6d6d6; --line-strong: #8f8f8f; --accent: #0a6bb8; --focus: #0a78cc;
  --btn: #141414; --btn-fg: #ffffff; --btn-hover: #333333; --btn-2-hover: #ededed;
  --ok: #176b2d; --ok-bg: #e6f6e9; --bad: #c22d12; --bad-bg: #fdeceb; --warn: #7a5500; --warn-bg: #fff3d6;
  --info-bg: #e5f1fb; --changed: #fff3d6; --selected: #e5f1fb;`;
  const DARK = `--bg: #1a1a1a; --bg-2: #121212; --bg-3: #262626; --fg: #ededed; --fg-2: #b3b3b3;
  --line: #3d3d3d; --line-strong: #8f8f8f; --accent: #64b4fa; --focus: #64b4fa;
  --btn: #ededed; --btn-fg: #000000; --btn-hover: #cccccc; --btn-2-hover: #262626;
  --ok: #6cd686; --ok-bg: #10261a; --bad: #fc8b98; --bad-bg: #2b1215; --warn: #f2c14e; --warn-bg: #2a2210;
  --info-bg: #0f2236; --changed: #2a2210; --selected: #0f2236;`;
  const STYLE = `
:host { display: block; height: 100%; container-type: inline-size; color-scheme: light; ${LIGHT}
  --space-1: 4px; --space-2: 8px; --space-3: 12px; --space-4: 16px; --radius: 8px; --pill: 100px;
  font: 14px/20px Inter, "CiscoSansTT Regular", "Helvetica Neue", "Segoe UI", system-ui, Arial, sans-serif; }
:host([dark-mode="true"]) { color-scheme: dark; ${DARK} }
@media (prefers-color-scheme: dark) { :host(:not([dark-mode])) { color-scheme: dark; ${DARK} } }
* { box-sizing: border-box; }
.root { background: var(--bg); color: var(--fg); min-height: 100%; padding: var(--space-4); }
h2 { font-size: 20px; line-height: 28px; font-weight: 600; margin: 0 0 var(--space-3); }
h3 { font-size: 16px; line-height: 24px; font-weight: 600; margin: 0 0 var(--space-1); }
.layout { display: grid; gap: var(--space-4); grid-template-columns: minmax(0, 1fr); }
.layout[hidden] { display: none; }
@container (min-width: 640px) { .layout { grid-template-columns: minmax(220px, 300px) minmax(0, 1fr); } }
.pane { background: var(--bg-2); border: 1px solid var(--line); border-radius: var(--radius); padding: var(--space-3); min-width: 0; }
label.search { display: block; font-weight: 600; margin-bottom: var(--space-1); }
input[type=search], input[type=number] { font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line-strong); border-radius: var(--radius); padding: 5px var(--space-2); min-height: 32px; }
input[type=search] { width: 100%; }
input[type=number] { width: 4.5em; text-align: right; }
input[aria-invalid="true"] { border: 2px solid var(--bad); }
.listbox { list-style: none; margin: var(--space-2) 0 0; padding: 2px; max-height: 50vh; overflow: auto;
  border-radius: var(--radius); }
.listbox[hidden] { display: none; }
.option { padding: 6px var(--space-3); border-radius: var(--radius); cursor: pointer; border: 1px solid transparent; }
.option + .option { margin-top: 2px; }
.option:hover { background: var(--bg-3); }
.option[aria-selected="true"] { background: var(--selected); border-color: var(--accent); box-shadow: inset 3px 0 0 var(--accent); }
.option.active { outline: 2px solid var(--focus); outline-offset: -2px; }
.listbox:not(:focus) .option.active { outline: none; }
.option .desc { display: block; color: var(--fg-2); font-size: 12px; line-height: 16px; }
button { font: inherit; font-weight: 600; border-radius: var(--pill); min-height: 32px; padding: 5px var(--space-4);
  border: 1px solid var(--line-strong); cursor: pointer; background: transparent; color: var(--fg); }
button:hover:not(:disabled) { background: var(--btn-2-hover); }
button.primary { background: var(--btn); color: var(--btn-fg); border-color: var(--btn); }
button.primary:hover:not(:disabled) { background: var(--btn-hover); }
button:disabled, input:disabled { opacity: .5; cursor: not-allowed; }
button:focus-visible, input:focus-visible, h3:focus-visible, .listbox:focus-visible {
  outline: 2px solid var(--focus); outline-offset: 2px; }
.pager { display: flex; align-items: center; justify-content: space-between; gap: var(--space-2); margin-top: var(--space-2); }
.pager[hidden] { display: none; }
.muted { color: var(--fg-2); }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
table { width: 100%; border-collapse: collapse; margin: var(--space-2) 0; }
th, td { text-align: left; padding: 6px var(--space-1); border-bottom: 1px solid var(--line); vertical-align: middle; }
thead th { font-weight: 600; color: var(--fg-2); font-size: 12px; }
tbody th { font-weight: 400; }
td.value { white-space: nowrap; }
tr.changed > * { background: var(--changed); }
.bar { display: inline-block; width: 64px; height: 4px; border-radius: 2px; background: var(--line);
  vertical-align: middle; margin-left: var(--space-2); overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: center; }
.message { margin: 0 0 var(--space-3); padding: var(--space-2) var(--space-3); border-radius: var(--radius); border-left: 4px solid transparent; }
.message:empty { display: none; }
.message[data-kind="success"] { background: var(--ok-bg); border-color: var(--ok); }
.message[data-kind="error"] { background: var(--bad-bg); border-color: var(--bad); }
.message[data-kind="info"] { background: var(--info-bg); border-color: var(--accent); }
.message strong { display: block; }
.message button { margin-top: var(--space-2); }
.confirm { background: var(--warn-bg); border: 1px solid var(--warn); border-radius: var(--radius); padding: var(--space-3);
  margin: 0 0 var(--space-3); }
.confirm p { margin: 0 0 var(--space-2); }
.impact { margin: 0 0 var(--space-2); }
.warn { background: var(--warn-bg); border-left: 4px solid var(--warn); border-radius: var(--radius);
  padding: var(--space-2) var(--space-3); margin: 0 0 var(--space-2); }
.keep { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: center; margin: var(--space-2) 0; }
.keep label { font-weight: 600; }
select, input[type=datetime-local] { font: inherit; color: var(--fg); background: var(--bg); min-height: 32px;
  max-width: 100%; min-width: 0;
  border: 1px solid var(--line-strong); border-radius: var(--radius); padding: 4px var(--space-2); }
select:focus-visible, input[type=datetime-local]:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.changes { margin-top: var(--space-4); border-top: 1px solid var(--line); padding-top: var(--space-3); }
.changes ol, .changes ul { list-style: none; margin: var(--space-2) 0; padding: 0; }
.changes li { padding: var(--space-2) 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap;
  gap: var(--space-2); align-items: center; justify-content: space-between; }
.changes li > span { min-width: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

  /*
   * The words, per language. Plural forms are objects keyed by Intl.PluralRules categories; {name} is filled in.
   * A key missing in a language falls back to English (and SkillEditorWidget.untranslated(lang) lists it).
   */
  const MESSAGES = {
    en: {
      title: 'Skills',
      'search.label': 'Find a skill profile', 'search.placeholder': 'Filter by name',
      'list.label': 'Skill profiles you may change', 'list.empty': 'There are no skill profiles you may change.',
      'list.nomatch': 'No skill profile matches “{q}”.',
      'pager.prev': 'Previous', 'pager.next': 'Next', 'pager.page': 'Page {n}',
      'editor.label': 'Selected skill profile', 'editor.choose': 'Choose a skill profile to see its skills.',
      'editor.scale': 'Proficiency runs from 0 (none) to 10 (expert). Other skill types are shown read-only.',
      'editor.legend': 'Skills of {name}', 'editor.noskills': 'This profile has no active skills.',
      'col.skill': 'Skill', 'col.value': 'Value',
      'skill.readonly': '{type}, read-only', 'skill.noedit': 'not editable here',
      'type.BOOLEAN': 'yes/no', 'type.TEXT': 'text', 'type.ENUM': 'list', 'type.other': 'other',
      'skill.hint': 'Proficiency 0 to 10, saved value {value}',
      'value.yes': 'Yes', 'value.no': 'No',
      'save': 'Save', 'save.count': {one: 'Save {n} change', other: 'Save {n} changes'}, 'save.busy': 'Saving…',
      'undo': 'Undo changes', 'reload': 'Reload', 'retry': 'Try again',
      'wait': 'Save is possible again {when}.',
      'invalid.one': 'Enter a whole number from 0 to 10 for {name}.',
      'invalid.many': {one: 'Enter a whole number from 0 to 10 for {n} skill.', other: 'Enter a whole number from 0 to 10 for {n} skills.'},
      'undone': 'Changes undone.', 'saving': 'Saving…', 'loading': 'Loading…',
      'saved.title': 'Saved at {time}.', 'saved.detail': '{changes} in “{name}”.',
      'signin.wait': 'Waiting for your Desktop sign-in…',
      'unconfigured.title': 'Not set up',
      'unconfigured.detail': 'The widget has no broker address. Ask your administrator to check the Desktop layout.',
      'discard.question': {one: 'You have {n} unsaved change in “{name}”.', other: 'You have {n} unsaved changes in “{name}”.'},
      'discard.confirm': 'Discard and open “{next}”', 'discard.keep': 'Keep editing',
      'kept': 'Your changes are kept.',
      'err.network.title': 'The Skill Broker cannot be reached',
      'err.network.detail': 'Check your network connection, then try again.',
      'err.auth.title': 'Your Desktop sign-in has expired',
      'err.auth.detail': 'The widget continues by itself when the Desktop renews your sign-in. If nothing happens, reload the Desktop.',
      'err.role.title': 'Skill changes are not available to you',
      'err.role.detail': 'Your Contact Center role ({type}) may not change skills. If you need to, ask your administrator.',
      'err.forbidden.title': 'Not allowed',
      'err.forbidden.detail': 'You may not change this skill profile or skill. If you need to, ask your administrator.',
      'err.conflict.title': 'Changed by someone else',
      'err.conflict.detail': 'Choose Reload to see the current values, then make your change again.',
      'err.rate.title': 'Too many requests', 'err.rate.detail': 'Try again {when}.',
      'err.busy.title': 'Webex is busy', 'err.busy.detail': 'Try again {when}.',
      'err.unavailable.title': 'Skill changes are unavailable right now',
      'err.unavailable.detail': 'The Skill Broker has no working connection to Webex. Tell your administrator, then try again later.',
      'err.server.title': 'Something went wrong on the way to Webex',
      'err.server.detail': 'Try again in a moment. If it keeps failing, tell your administrator.',
      'err.notfound.title': 'Skill profile not found', 'err.notfound.detail': 'It may have been deleted. Choose another one.',
      'err.invalid.title': 'The change was not accepted', 'err.invalid.detail': 'Check the values, then try again.',
      'err.other.title': 'The request failed (HTTP {status})', 'err.other.detail': 'Try again. If it keeps failing, tell your administrator.'
    },
    de: {
      title: 'Skills',
      'search.label': 'Skill-Profil suchen', 'search.placeholder': 'Nach Name filtern',
      'list.label': 'Skill-Profile, die Sie ändern dürfen', 'list.empty': 'Es gibt keine Skill-Profile, die Sie ändern dürfen.',
      'list.nomatch': 'Kein Skill-Profil passt zu „{q}“.',
      'pager.prev': 'Zurück', 'pager.next': 'Weiter', 'pager.page': 'Seite {n}',
      'editor.label': 'Gewähltes Skill-Profil', 'editor.choose': 'Wählen Sie ein Skill-Profil, um seine Skills zu sehen.',
      'editor.scale': 'Die Kompetenz reicht von 0 (keine) bis 10 (Experte). Andere Skill-Typen sind nur lesbar.',
      'editor.legend': 'Skills von {name}', 'editor.noskills': 'Dieses Profil hat keine aktiven Skills.',
      'col.skill': 'Skill', 'col.value': 'Wert',
      'skill.readonly': '{type}, nur lesbar', 'skill.noedit': 'hier nicht änderbar',
      'type.BOOLEAN': 'ja/nein', 'type.TEXT': 'Text', 'type.ENUM': 'Liste', 'type.other': 'anderer Typ',
      'skill.hint': 'Kompetenz 0 bis 10, gespeicherter Wert {value}',
      'value.yes': 'Ja', 'value.no': 'Nein',
      'save': 'Speichern', 'save.count': {one: '{n} Änderung speichern', other: '{n} Änderungen speichern'}, 'save.busy': 'Speichert…',
      'undo': 'Änderungen verwerfen', 'reload': 'Neu laden', 'retry': 'Erneut versuchen',
      'wait': 'Speichern ist {when} wieder möglich.',
      'invalid.one': 'Geben Sie für {name} eine ganze Zahl von 0 bis 10 ein.',
      'invalid.many': {one: 'Geben Sie für {n} Skill eine ganze Zahl von 0 bis 10 ein.', other: 'Geben Sie für {n} Skills eine ganze Zahl von 0 bis 10 ein.'},
      'undone': 'Änderungen verworfen.', 'saving': 'Speichert…', 'loading': 'Lädt…',
      'saved.title': 'Um {time} gespeichert.', 'saved.detail': '{changes} in „{name}“.',
      'signin.wait': 'Warte auf Ihre Desktop-Anmeldung…',
      'unconfigured.title': 'Nicht eingerichtet',
      'unconfigured.detail': 'Dem Widget fehlt die Broker-Adresse. Bitten Sie Ihren Administrator, das Desktop-Layout zu prüfen.',
      'discard.question': {one: 'Sie haben {n} ungespeicherte Änderung in „{name}“.', other: 'Sie haben {n} ungespeicherte Änderungen in „{name}“.'},
      'discard.confirm': 'Verwerfen und „{next}“ öffnen', 'discard.keep': 'Weiter bearbeiten',
      'kept': 'Ihre Änderungen bleiben erhalten.',
      'err.network.title': 'Der Skill Broker ist nicht erreichbar',
      'err.network.detail': 'Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.',
      'err.auth.title': 'Ihre Desktop-Anmeldung ist abgelaufen',
      'err.auth.detail': 'Das Widget macht von selbst weiter, sobald der Desktop Ihre Anmeldung erneuert. Wenn nichts passiert, laden Sie den Desktop neu.',
      'err.role.title': 'Skill-Änderungen stehen Ihnen nicht zur Verfügung',
      'err.role.detail': 'Ihre Contact-Center-Rolle ({type}) darf keine Skills ändern. Wenn Sie das brauchen, fragen Sie Ihren Administrator.',
      'err.forbidden.title': 'Nicht erlaubt',
      'err.forbidden.detail': 'Sie dürfen dieses Skill-Profil oder diesen Skill nicht ändern. Wenn Sie das brauchen, fragen Sie Ihren Administrator.',
      'err.conflict.title': 'Von jemand anderem geändert',
      'err.conflict.detail': 'Wählen Sie „Neu laden“, um die aktuellen Werte zu sehen, und ändern Sie dann erneut.',
      'err.rate.title': 'Zu viele Anfragen', 'err.rate.detail': 'Versuchen Sie es {when} erneut.',
      'err.busy.title': 'Webex ist ausgelastet', 'err.busy.detail': 'Versuchen Sie es {when} erneut.',
      'err.unavailable.title': 'Skill-Änderungen sind gerade nicht möglich',
      'err.unavailable.detail': 'Der Skill Broker hat keine funktionierende Verbindung zu Webex. Informieren Sie Ihren Administrator und versuchen Sie es später erneut.',
      'err.server.title': 'Auf dem Weg zu Webex ist etwas schiefgegangen',
      'err.server.detail': 'Versuchen Sie es gleich noch einmal. Wenn es weiter fehlschlägt, informieren Sie Ihren Administrator.',
      'err.notfound.title': 'Skill-Profil nicht gefunden', 'err.notfound.detail': 'Es wurde vielleicht gelöscht. Wählen Sie ein anderes.',
      'err.invalid.title': 'Die Änderung wurde nicht angenommen', 'err.invalid.detail': 'Prüfen Sie die Werte und versuchen Sie es erneut.',
      'err.other.title': 'Die Anfrage ist fehlgeschlagen (HTTP {status})', 'err.other.detail': 'Versuchen Sie es erneut. Wenn es weiter fehlschlägt, informieren Sie Ihren Administrator.'
    },
    fr: {
      title: 'Compétences',
      'search.label': 'Trouver un profil de compétences', 'search.placeholder': 'Filtrer par nom',
      'list.label': 'Profils de compétences que vous pouvez modifier', 'list.empty': 'Aucun profil de compétences ne peut être modifié par vous.',
      'list.nomatch': 'Aucun profil de compétences ne correspond à « {q} ».',
      'pager.prev': 'Précédent', 'pager.next': 'Suivant', 'pager.page': 'Page {n}',
      'editor.label': 'Profil de compétences choisi', 'editor.choose': 'Choisissez un profil de compétences pour voir ses compétences.',
      'editor.scale': 'Le niveau va de 0 (aucun) à 10 (expert). Les autres types de compétences sont en lecture seule.',
      'editor.legend': 'Compétences de {name}', 'editor.noskills': 'Ce profil n’a aucune compétence active.',
      'col.skill': 'Compétence', 'col.value': 'Valeur',
      'skill.readonly': '{type}, lecture seule', 'skill.noedit': 'non modifiable ici',
      'type.BOOLEAN': 'oui/non', 'type.TEXT': 'texte', 'type.ENUM': 'liste', 'type.other': 'autre',
      'skill.hint': 'Niveau de 0 à 10, valeur enregistrée {value}',
      'value.yes': 'Oui', 'value.no': 'Non',
      'save': 'Enregistrer', 'save.count': {one: 'Enregistrer {n} modification', other: 'Enregistrer {n} modifications'}, 'save.busy': 'Enregistrement…',
      'undo': 'Annuler les modifications', 'reload': 'Recharger', 'retry': 'Réessayer',
      'wait': 'Enregistrement de nouveau possible {when}.',
      'invalid.one': 'Saisissez un nombre entier de 0 à 10 pour {name}.',
      'invalid.many': {one: 'Saisissez un nombre entier de 0 à 10 pour {n} compétence.', other: 'Saisissez un nombre entier de 0 à 10 pour {n} compétences.'},
      'undone': 'Modifications annulées.', 'saving': 'Enregistrement…', 'loading': 'Chargement…',
      'saved.title': 'Enregistré à {time}.', 'saved.detail': '{changes} dans « {name} ».',
      'signin.wait': 'En attente de votre connexion au Desktop…',
      'unconfigured.title': 'Non configuré',
      'unconfigured.detail': 'Le widget n’a pas d’adresse de broker. Demandez à votre administrateur de vérifier la mise en page du Desktop.',
      'discard.question': {one: 'Vous avez {n} modification non enregistrée dans « {name} ».', other: 'Vous avez {n} modifications non enregistrées dans « {name} ».'},
      'discard.confirm': 'Abandonner et ouvrir « {next} »', 'discard.keep': 'Continuer la modification',
      'kept': 'Vos modifications sont conservées.',
      'err.network.title': 'Le Skill Broker est injoignable',
      'err.network.detail': 'Vérifiez votre connexion réseau, puis réessayez.',
      'err.auth.title': 'Votre connexion au Desktop a expiré',
      'err.auth.detail': 'Le widget reprend de lui-même quand le Desktop renouvelle votre connexion. Sinon, rechargez le Desktop.',
      'err.role.title': 'La modification des compétences ne vous est pas ouverte',
      'err.role.detail': 'Votre rôle Contact Center ({type}) ne permet pas de modifier les compétences. Si nécessaire, demandez à votre administrateur.',
      'err.forbidden.title': 'Non autorisé',
      'err.forbidden.detail': 'Vous ne pouvez pas modifier ce profil ou cette compétence. Si nécessaire, demandez à votre administrateur.',
      'err.conflict.title': 'Modifié par quelqu’un d’autre',
      'err.conflict.detail': 'Choisissez Recharger pour voir les valeurs actuelles, puis refaites votre modification.',
      'err.rate.title': 'Trop de requêtes', 'err.rate.detail': 'Réessayez {when}.',
      'err.busy.title': 'Webex est occupé', 'err.busy.detail': 'Réessayez {when}.',
      'err.unavailable.title': 'Modification des compétences indisponible pour le moment',
      'err.unavailable.detail': 'Le Skill Broker n’a pas de connexion active à Webex. Prévenez votre administrateur, puis réessayez plus tard.',
      'err.server.title': 'Un problème est survenu en route vers Webex',
      'err.server.detail': 'Réessayez dans un instant. Si cela persiste, prévenez votre administrateur.',
      'err.notfound.title': 'Profil de compétences introuvable', 'err.notfound.detail': 'Il a peut-être été supprimé. Choisissez-en un autre.',
      'err.invalid.title': 'La modification n’a pas été acceptée', 'err.invalid.detail': 'Vérifiez les valeurs, puis réessayez.',
      'err.other.title': 'La requête a échoué (HTTP {status})', 'err.other.detail': 'Réessayez. Si cela persiste, prévenez votre administrateur.'
    },
    es: {
      title: 'Habilidades',
      'search.label': 'Buscar un perfil de habilidades', 'search.placeholder': 'Filtrar por nombre',
      'list.label': 'Perfiles de habilidades que puede cambiar', 'list.empty': 'No hay perfiles de habilidades que pueda cambiar.',
      'list.nomatch': 'Ningún perfil de habilidades coincide con «{q}».',
      'pager.prev': 'Anterior', 'pager.next': 'Siguiente', 'pager.page': 'Página {n}',
      'editor.label': 'Perfil de habilidades elegido', 'editor.choose': 'Elija un perfil de habilidades para ver sus habilidades.',
      'editor.scale': 'El nivel va de 0 (ninguno) a 10 (experto). Los demás tipos de habilidad son de solo lectura.',
      'editor.legend': 'Habilidades de {name}', 'editor.noskills': 'Este perfil no tiene habilidades activas.',
      'col.skill': 'Habilidad', 'col.value': 'Valor',
      'skill.readonly': '{type}, solo lectura', 'skill.noedit': 'no se puede cambiar aquí',
      'type.BOOLEAN': 'sí/no', 'type.TEXT': 'texto', 'type.ENUM': 'lista', 'type.other': 'otro',
      'skill.hint': 'Nivel de 0 a 10, valor guardado {value}',
      'value.yes': 'Sí', 'value.no': 'No',
      'save': 'Guardar', 'save.count': {one: 'Guardar {n} cambio', other: 'Guardar {n} cambios'}, 'save.busy': 'Guardando…',
      'undo': 'Deshacer cambios', 'reload': 'Recargar', 'retry': 'Reintentar',
      'wait': 'Podrá guardar de nuevo {when}.',
      'invalid.one': 'Introduzca un número entero de 0 a 10 para {name}.',
      'invalid.many': {one: 'Introduzca un número entero de 0 a 10 para {n} habilidad.', other: 'Introduzca un número entero de 0 a 10 para {n} habilidades.'},
      'undone': 'Cambios deshechos.', 'saving': 'Guardando…', 'loading': 'Cargando…',
      'saved.title': 'Guardado a las {time}.', 'saved.detail': '{changes} en «{name}».',
      'signin.wait': 'Esperando su inicio de sesión en el Desktop…',
      'unconfigured.title': 'Sin configurar',
      'unconfigured.detail': 'El widget no tiene la dirección del broker. Pida a su administrador que revise el diseño del Desktop.',
      'discard.question': {one: 'Tiene {n} cambio sin guardar en «{name}».', other: 'Tiene {n} cambios sin guardar en «{name}».'},
      'discard.confirm': 'Descartar y abrir «{next}»', 'discard.keep': 'Seguir editando',
      'kept': 'Sus cambios se conservan.',
      'err.network.title': 'No se puede contactar con el Skill Broker',
      'err.network.detail': 'Compruebe su conexión de red y vuelva a intentarlo.',
      'err.auth.title': 'Su sesión del Desktop ha caducado',
      'err.auth.detail': 'El widget continúa por sí solo cuando el Desktop renueva su sesión. Si no ocurre nada, recargue el Desktop.',
      'err.role.title': 'El cambio de habilidades no está disponible para usted',
      'err.role.detail': 'Su rol de Contact Center ({type}) no puede cambiar habilidades. Si lo necesita, pídaselo a su administrador.',
      'err.forbidden.title': 'No permitido',
      'err.forbidden.detail': 'No puede cambiar este perfil o esta habilidad. Si lo necesita, pídaselo a su administrador.',
      'err.conflict.title': 'Otra persona lo ha cambiado',
      'err.conflict.detail': 'Elija Recargar para ver los valores actuales y vuelva a hacer su cambio.',
      'err.rate.title': 'Demasiadas solicitudes', 'err.rate.detail': 'Vuelva a intentarlo {when}.',
      'err.busy.title': 'Webex está ocupado', 'err.busy.detail': 'Vuelva a intentarlo {when}.',
      'err.unavailable.title': 'El cambio de habilidades no está disponible ahora',
      'err.unavailable.detail': 'El Skill Broker no tiene una conexión activa con Webex. Avise a su administrador y vuelva a intentarlo más tarde.',
      'err.server.title': 'Algo falló de camino a Webex',
      'err.server.detail': 'Vuelva a intentarlo en un momento. Si sigue fallando, avise a su administrador.',
      'err.notfound.title': 'Perfil de habilidades no encontrado', 'err.notfound.detail': 'Puede que se haya eliminado. Elija otro.',
      'err.invalid.title': 'No se aceptó el cambio', 'err.invalid.detail': 'Revise los valores y vuelva a intentarlo.',
      'err.other.title': 'La solicitud falló (HTTP {status})', 'err.other.detail': 'Vuelva a intentarlo. Si sigue fallando, avise a su administrador.'
    },
    'pt-BR': {
      title: 'Habilidades',
      'search.label': 'Encontrar um perfil de habilidades', 'search.placeholder': 'Filtrar por nome',
      'list.label': 'Perfis de habilidades que você pode alterar', 'list.empty': 'Não há perfis de habilidades que você possa alterar.',
      'list.nomatch': 'Nenhum perfil de habilidades corresponde a “{q}”.',
      'pager.prev': 'Anterior', 'pager.next': 'Próxima', 'pager.page': 'Página {n}',
      'editor.label': 'Perfil de habilidades escolhido', 'editor.choose': 'Escolha um perfil de habilidades para ver suas habilidades.',
      'editor.scale': 'A proficiência vai de 0 (nenhuma) a 10 (especialista). Outros tipos de habilidade são somente leitura.',
      'editor.legend': 'Habilidades de {name}', 'editor.noskills': 'Este perfil não tem habilidades ativas.',
      'col.skill': 'Habilidade', 'col.value': 'Valor',
      'skill.readonly': '{type}, somente leitura', 'skill.noedit': 'não editável aqui',
      'type.BOOLEAN': 'sim/não', 'type.TEXT': 'texto', 'type.ENUM': 'lista', 'type.other': 'outro',
      'skill.hint': 'Proficiência de 0 a 10, valor salvo {value}',
      'value.yes': 'Sim', 'value.no': 'Não',
      'save': 'Salvar', 'save.count': {one: 'Salvar {n} alteração', other: 'Salvar {n} alterações'}, 'save.busy': 'Salvando…',
      'undo': 'Desfazer alterações', 'reload': 'Recarregar', 'retry': 'Tentar novamente',
      'wait': 'Será possível salvar novamente {when}.',
      'invalid.one': 'Digite um número inteiro de 0 a 10 para {name}.',
      'invalid.many': {one: 'Digite um número inteiro de 0 a 10 para {n} habilidade.', other: 'Digite um número inteiro de 0 a 10 para {n} habilidades.'},
      'undone': 'Alterações desfeitas.', 'saving': 'Salvando…', 'loading': 'Carregando…',
      'saved.title': 'Salvo às {time}.', 'saved.detail': '{changes} em “{name}”.',
      'signin.wait': 'Aguardando seu login no Desktop…',
      'unconfigured.title': 'Não configurado',
      'unconfigured.detail': 'O widget não tem o endereço do broker. Peça ao seu administrador para verificar o layout do Desktop.',
      'discard.question': {one: 'Você tem {n} alteração não salva em “{name}”.', other: 'Você tem {n} alterações não salvas em “{name}”.'},
      'discard.confirm': 'Descartar e abrir “{next}”', 'discard.keep': 'Continuar editando',
      'kept': 'Suas alterações foram mantidas.',
      'err.network.title': 'Não foi possível acessar o Skill Broker',
      'err.network.detail': 'Verifique sua conexão de rede e tente novamente.',
      'err.auth.title': 'Seu login no Desktop expirou',
      'err.auth.detail': 'O widget continua sozinho quando o Desktop renova seu login. Se nada acontecer, recarregue o Desktop.',
      'err.role.title': 'Alterar habilidades não está disponível para você',
      'err.role.detail': 'Sua função no Contact Center ({type}) não pode alterar habilidades. Se precisar, peça ao seu administrador.',
      'err.forbidden.title': 'Não permitido',
      'err.forbidden.detail': 'Você não pode alterar este perfil ou esta habilidade. Se precisar, peça ao seu administrador.',
      'err.conflict.title': 'Alterado por outra pessoa',
      'err.conflict.detail': 'Escolha Recarregar para ver os valores atuais e faça sua alteração de novo.',
      'err.rate.title': 'Solicitações demais', 'err.rate.detail': 'Tente novamente {when}.',
      'err.busy.title': 'O Webex está ocupado', 'err.busy.detail': 'Tente novamente {when}.',
      'err.unavailable.title': 'Alterar habilidades não está disponível agora',
      'err.unavailable.detail': 'O Skill Broker está sem conexão ativa com o Webex. Avise seu administrador e tente novamente mais tarde.',
      'err.server.title': 'Algo deu errado no caminho até o Webex',
      'err.server.detail': 'Tente novamente em instantes. Se continuar falhando, avise seu administrador.',
      'err.notfound.title': 'Perfil de habilidades não encontrado', 'err.notfound.detail': 'Talvez tenha sido excluído. Escolha outro.',
      'err.invalid.title': 'A alteração não foi aceita', 'err.invalid.detail': 'Verifique os valores e tente novamente.',
      'err.other.title': 'A solicitação falhou (HTTP {status})', 'err.other.detail': 'Tente novamente. Se continuar falhando, avise seu administrador.'
    },
    ja: {
      title: 'スキル',
      'search.label': 'スキルプロファイルを検索', 'search.placeholder': '名前で絞り込み',
      'list.label': '変更できるスキルプロファイル', 'list.empty': '変更できるスキルプロファイルはありません。',
      'list.nomatch': '「{q}」に一致するスキルプロファイルはありません。',
      'pager.prev': '前へ', 'pager.next': '次へ', 'pager.page': '{n} ページ',
      'editor.label': '選択中のスキルプロファイル', 'editor.choose': 'スキルプロファイルを選ぶとスキルが表示されます。',
      'editor.scale': '熟練度は 0 (なし) から 10 (エキスパート) です。その他の種類のスキルは読み取り専用です。',
      'editor.legend': '{name} のスキル', 'editor.noskills': 'このプロファイルには有効なスキルがありません。',
      'col.skill': 'スキル', 'col.value': '値',
      'skill.readonly': '{type}、読み取り専用', 'skill.noedit': 'ここでは変更できません',
      'type.BOOLEAN': 'はい/いいえ', 'type.TEXT': 'テキスト', 'type.ENUM': 'リスト', 'type.other': 'その他',
      'skill.hint': '熟練度 0～10、保存済みの値 {value}',
      'value.yes': 'はい', 'value.no': 'いいえ',
      'save': '保存', 'save.count': {other: '{n} 件の変更を保存'}, 'save.busy': '保存中…',
      'undo': '変更を取り消す', 'reload': '再読み込み', 'retry': '再試行',
      'wait': '{when}に再び保存できます。',
      'invalid.one': '{name} には 0～10 の整数を入力してください。',
      'invalid.many': {other: '{n} 件のスキルに 0～10 の整数を入力してください。'},
      'undone': '変更を取り消しました。', 'saving': '保存中…', 'loading': '読み込み中…',
      'saved.title': '{time} に保存しました。', 'saved.detail': '「{name}」の {changes}。',
      'signin.wait': 'Desktop へのサインインを待っています…',
      'unconfigured.title': '未設定',
      'unconfigured.detail': 'ウィジェットにブローカーのアドレスがありません。Desktop レイアウトの確認を管理者に依頼してください。',
      'discard.question': {other: '「{name}」に未保存の変更が {n} 件あります。'},
      'discard.confirm': '破棄して「{next}」を開く', 'discard.keep': '編集を続ける',
      'kept': '変更内容は保持されています。',
      'err.network.title': 'Skill Broker に接続できません',
      'err.network.detail': 'ネットワーク接続を確認して、もう一度お試しください。',
      'err.auth.title': 'Desktop のサインインの有効期限が切れました',
      'err.auth.detail': 'Desktop がサインインを更新すると、ウィジェットは自動で続行します。何も起きない場合は Desktop を再読み込みしてください。',
      'err.role.title': 'スキルを変更する権限がありません',
      'err.role.detail': 'あなたの Contact Center のロール ({type}) ではスキルを変更できません。必要な場合は管理者に依頼してください。',
      'err.forbidden.title': '許可されていません',
      'err.forbidden.detail': 'このスキルプロファイルまたはスキルは変更できません。必要な場合は管理者に依頼してください。',
      'err.conflict.title': '他のユーザーが変更しました',
      'err.conflict.detail': '「再読み込み」で現在の値を表示してから、もう一度変更してください。',
      'err.rate.title': 'リクエストが多すぎます', 'err.rate.detail': '{when}にもう一度お試しください。',
      'err.busy.title': 'Webex が混み合っています', 'err.busy.detail': '{when}にもう一度お試しください。',
      'err.unavailable.title': '現在スキルを変更できません',
      'err.unavailable.detail': 'Skill Broker は Webex に接続できていません。管理者に連絡し、後でもう一度お試しください。',
      'err.server.title': 'Webex との通信中に問題が発生しました',
      'err.server.detail': '少し待ってからもう一度お試しください。失敗が続く場合は管理者に連絡してください。',
      'err.notfound.title': 'スキルプロファイルが見つかりません', 'err.notfound.detail': '削除された可能性があります。別のプロファイルを選んでください。',
      'err.invalid.title': '変更は受け付けられませんでした', 'err.invalid.detail': '値を確認して、もう一度お試しください。',
      'err.other.title': 'リクエストに失敗しました (HTTP {status})', 'err.other.detail': 'もう一度お試しください。失敗が続く場合は管理者に連絡してください。'
    }
  };

  /*
   * The words of who a change reaches, history, undo and timed changes (issue 11), merged into MESSAGES; kept
   * together so the six languages of this feature are reviewed in one place.
   */
  const CHANGE_MESSAGES = {
    en: {
      'impact.teams': {one: 'Used by team {teams}', other: 'Used by teams {teams}'},
      'impact.direct': {one: '{n} agent directly', other: '{n} agents directly'},
      'impact.directOnly': {one: 'Used by {n} agent directly', other: 'Used by {n} agents directly'},
      'impact.total': {one: 'up to {n} agent', other: 'up to {n} agents'},
      'impact.unknown': 'an unknown number of agents',
      'impact.none': 'No team or agent uses this profile now.',
      'impact.outside': 'This change also reaches teams outside your own: {teams}.',
      'keep.label': 'Keep the change', 'keep.always': 'until changed again', 'keep.1h': 'for 1 hour',
      'keep.2h': 'for 2 hours', 'keep.4h': 'for 4 hours', 'keep.shift': 'until the end of the shift ({time})',
      'keep.custom': 'until a time I choose', 'keep.until': 'Revert at',
      'saved.until': 'It reverts by itself {when}.', 'saved.nothing': 'Nothing changed, so nothing will revert.',
      'reverts.title': 'Reverts by itself', 'reverts.item': '{changes}: reverts {when}',
      'reverts.cancel': 'Keep for good', 'reverts.now': 'Revert now',
      'reverts.cancelled': 'The change stays; it will not revert.', 'reverts.done': 'Reverted: {changes}.',
      'reverts.superseded': 'Nothing reverted: the values were changed again since.',
      'history.show': 'Show history', 'history.hide': 'Hide history', 'history.title': 'History',
      'history.empty': 'No changes recorded yet.', 'history.more': 'Older changes', 'history.undo': 'Undo',
      'history.until': 'until {time}',
      'outcome.changed': 'saved', 'outcome.unchanged': 'already set', 'outcome.reverted': 'reverted',
      'outcome.superseded': 'left alone (changed since)', 'outcome.revert-cancelled': 'kept for good',
      'outcome.revert-failed': 'revert failed, retrying', 'outcome.other': 'not saved ({kind})',
      'cause.undo': 'Undo', 'cause.revert': 'Reverted on time', 'cause.revert-now': 'Reverted early',
      'undo.done': 'Undone: {changes}.',
      'err.movedon.title': 'Changed again since',
      'err.movedon.detail': 'Someone changed this value after that change, so it was not undone. Nothing was changed.',
      'err.gone.title': 'Already done', 'err.gone.detail': 'This change has already been reverted or kept.'
    },
    de: {
      'impact.teams': {one: 'Verwendet von Team {teams}', other: 'Verwendet von den Teams {teams}'},
      'impact.direct': {one: '{n} Agent direkt', other: '{n} Agents direkt'},
      'impact.directOnly': {one: 'Direkt verwendet von {n} Agent', other: 'Direkt verwendet von {n} Agents'},
      'impact.total': {one: 'bis zu {n} Agent', other: 'bis zu {n} Agents'},
      'impact.unknown': 'eine unbekannte Zahl von Agents',
      'impact.none': 'Derzeit verwendet kein Team und kein Agent dieses Profil.',
      'impact.outside': 'Diese Änderung betrifft auch Teams außerhalb Ihrer eigenen: {teams}.',
      'keep.label': 'Änderung behalten', 'keep.always': 'bis zur nächsten Änderung', 'keep.1h': 'für 1 Stunde',
      'keep.2h': 'für 2 Stunden', 'keep.4h': 'für 4 Stunden', 'keep.shift': 'bis Schichtende ({time})',
      'keep.custom': 'bis zu einer Zeit meiner Wahl', 'keep.until': 'Zurücksetzen um',
      'saved.until': 'Sie wird {when} von selbst zurückgesetzt.', 'saved.nothing': 'Nichts geändert, also wird nichts zurückgesetzt.',
      'reverts.title': 'Wird von selbst zurückgesetzt', 'reverts.item': '{changes}: zurück {when}',
      'reverts.cancel': 'Dauerhaft behalten', 'reverts.now': 'Jetzt zurücksetzen',
      'reverts.cancelled': 'Die Änderung bleibt; sie wird nicht zurückgesetzt.', 'reverts.done': 'Zurückgesetzt: {changes}.',
      'reverts.superseded': 'Nichts zurückgesetzt: Die Werte wurden inzwischen wieder geändert.',
      'history.show': 'Verlauf anzeigen', 'history.hide': 'Verlauf ausblenden', 'history.title': 'Verlauf',
      'history.empty': 'Noch keine Änderungen erfasst.', 'history.more': 'Ältere Änderungen', 'history.undo': 'Rückgängig',
      'history.until': 'bis {time}',
      'outcome.changed': 'gespeichert', 'outcome.unchanged': 'schon gesetzt', 'outcome.reverted': 'zurückgesetzt',
      'outcome.superseded': 'belassen (inzwischen geändert)', 'outcome.revert-cancelled': 'dauerhaft behalten',
      'outcome.revert-failed': 'Zurücksetzen fehlgeschlagen, wird wiederholt', 'outcome.other': 'nicht gespeichert ({kind})',
      'cause.undo': 'Rückgängig', 'cause.revert': 'Planmäßig zurückgesetzt', 'cause.revert-now': 'Vorzeitig zurückgesetzt',
      'undo.done': 'Rückgängig gemacht: {changes}.',
      'err.movedon.title': 'Inzwischen wieder geändert',
      'err.movedon.detail': 'Jemand hat diesen Wert nach jener Änderung geändert, daher wurde nichts rückgängig gemacht. Nichts wurde geändert.',
      'err.gone.title': 'Schon erledigt', 'err.gone.detail': 'Diese Änderung wurde bereits zurückgesetzt oder behalten.'
    },
    fr: {
      'impact.teams': {one: 'Utilisé par l’équipe {teams}', other: 'Utilisé par les équipes {teams}'},
      'impact.direct': {one: '{n} agent directement', other: '{n} agents directement'},
      'impact.directOnly': {one: 'Utilisé directement par {n} agent', other: 'Utilisé directement par {n} agents'},
      'impact.total': {one: 'jusqu’à {n} agent', other: 'jusqu’à {n} agents'},
      'impact.unknown': 'un nombre inconnu d’agents',
      'impact.none': 'Aucune équipe ni aucun agent n’utilise ce profil actuellement.',
      'impact.outside': 'Ce changement touche aussi des équipes en dehors des vôtres : {teams}.',
      'keep.label': 'Garder le changement', 'keep.always': 'jusqu’au prochain changement', 'keep.1h': 'pendant 1 heure',
      'keep.2h': 'pendant 2 heures', 'keep.4h': 'pendant 4 heures', 'keep.shift': 'jusqu’à la fin du service ({time})',
      'keep.custom': 'jusqu’à une heure que je choisis', 'keep.until': 'Rétablir à',
      'saved.until': 'Il sera rétabli automatiquement {when}.', 'saved.nothing': 'Rien n’a changé, donc rien ne sera rétabli.',
      'reverts.title': 'Rétabli automatiquement', 'reverts.item': '{changes} : rétabli {when}',
      'reverts.cancel': 'Garder définitivement', 'reverts.now': 'Rétablir maintenant',
      'reverts.cancelled': 'Le changement reste ; il ne sera pas rétabli.', 'reverts.done': 'Rétabli : {changes}.',
      'reverts.superseded': 'Rien n’a été rétabli : les valeurs ont été modifiées depuis.',
      'history.show': 'Afficher l’historique', 'history.hide': 'Masquer l’historique', 'history.title': 'Historique',
      'history.empty': 'Aucun changement enregistré.', 'history.more': 'Changements plus anciens', 'history.undo': 'Annuler',
      'history.until': 'jusqu’à {time}',
      'outcome.changed': 'enregistré', 'outcome.unchanged': 'déjà en place', 'outcome.reverted': 'rétabli',
      'outcome.superseded': 'laissé tel quel (modifié depuis)', 'outcome.revert-cancelled': 'gardé définitivement',
      'outcome.revert-failed': 'rétablissement échoué, nouvel essai', 'outcome.other': 'non enregistré ({kind})',
      'cause.undo': 'Annulation', 'cause.revert': 'Rétabli à l’heure prévue', 'cause.revert-now': 'Rétabli en avance',
      'undo.done': 'Annulé : {changes}.',
      'err.movedon.title': 'Modifié depuis',
      'err.movedon.detail': 'Quelqu’un a modifié cette valeur après ce changement, il n’a donc pas été annulé. Rien n’a été modifié.',
      'err.gone.title': 'Déjà fait', 'err.gone.detail': 'Ce changement a déjà été rétabli ou gardé.'
    },
    es: {
      'impact.teams': {one: 'Lo usa el equipo {teams}', other: 'Lo usan los equipos {teams}'},
      'impact.direct': {one: '{n} agente directamente', other: '{n} agentes directamente'},
      'impact.directOnly': {one: 'Lo usa directamente {n} agente', other: 'Lo usan directamente {n} agentes'},
      'impact.total': {one: 'hasta {n} agente', other: 'hasta {n} agentes'},
      'impact.unknown': 'un número desconocido de agentes',
      'impact.none': 'Ahora ningún equipo ni agente usa este perfil.',
      'impact.outside': 'Este cambio también llega a equipos fuera de los suyos: {teams}.',
      'keep.label': 'Mantener el cambio', 'keep.always': 'hasta el próximo cambio', 'keep.1h': 'durante 1 hora',
      'keep.2h': 'durante 2 horas', 'keep.4h': 'durante 4 horas', 'keep.shift': 'hasta el fin del turno ({time})',
      'keep.custom': 'hasta una hora que elija', 'keep.until': 'Revertir a las',
      'saved.until': 'Se revierte solo {when}.', 'saved.nothing': 'No cambió nada, así que nada se revertirá.',
      'reverts.title': 'Se revierte solo', 'reverts.item': '{changes}: se revierte {when}',
      'reverts.cancel': 'Mantener para siempre', 'reverts.now': 'Revertir ahora',
      'reverts.cancelled': 'El cambio se queda; no se revertirá.', 'reverts.done': 'Revertido: {changes}.',
      'reverts.superseded': 'No se revirtió nada: los valores se cambiaron después.',
      'history.show': 'Mostrar historial', 'history.hide': 'Ocultar historial', 'history.title': 'Historial',
      'history.empty': 'Aún no hay cambios registrados.', 'history.more': 'Cambios anteriores', 'history.undo': 'Deshacer',
      'history.until': 'hasta {time}',
      'outcome.changed': 'guardado', 'outcome.unchanged': 'ya estaba así', 'outcome.reverted': 'revertido',
      'outcome.superseded': 'sin tocar (cambiado después)', 'outcome.revert-cancelled': 'mantenido para siempre',
      'outcome.revert-failed': 'la reversión falló, se reintenta', 'outcome.other': 'no guardado ({kind})',
      'cause.undo': 'Deshacer', 'cause.revert': 'Revertido a su hora', 'cause.revert-now': 'Revertido antes de tiempo',
      'undo.done': 'Deshecho: {changes}.',
      'err.movedon.title': 'Cambiado de nuevo',
      'err.movedon.detail': 'Alguien cambió este valor después de ese cambio, así que no se deshizo. No se cambió nada.',
      'err.gone.title': 'Ya hecho', 'err.gone.detail': 'Este cambio ya se revirtió o se mantuvo.'
    },
    'pt-BR': {
      'impact.teams': {one: 'Usado pela equipe {teams}', other: 'Usado pelas equipes {teams}'},
      'impact.direct': {one: '{n} agente diretamente', other: '{n} agentes diretamente'},
      'impact.directOnly': {one: 'Usado diretamente por {n} agente', other: 'Usado diretamente por {n} agentes'},
      'impact.total': {one: 'até {n} agente', other: 'até {n} agentes'},
      'impact.unknown': 'um número desconhecido de agentes',
      'impact.none': 'Nenhuma equipe ou agente usa este perfil agora.',
      'impact.outside': 'Esta alteração também afeta equipes fora das suas: {teams}.',
      'keep.label': 'Manter a alteração', 'keep.always': 'até a próxima alteração', 'keep.1h': 'por 1 hora',
      'keep.2h': 'por 2 horas', 'keep.4h': 'por 4 horas', 'keep.shift': 'até o fim do turno ({time})',
      'keep.custom': 'até um horário que eu escolher', 'keep.until': 'Reverter às',
      'saved.until': 'Ela será revertida sozinha {when}.', 'saved.nothing': 'Nada mudou, então nada será revertido.',
      'reverts.title': 'Reverte sozinha', 'reverts.item': '{changes}: reverte {when}',
      'reverts.cancel': 'Manter de vez', 'reverts.now': 'Reverter agora',
      'reverts.cancelled': 'A alteração fica; não será revertida.', 'reverts.done': 'Revertido: {changes}.',
      'reverts.superseded': 'Nada revertido: os valores foram alterados depois.',
      'history.show': 'Mostrar histórico', 'history.hide': 'Ocultar histórico', 'history.title': 'Histórico',
      'history.empty': 'Nenhuma alteração registrada ainda.', 'history.more': 'Alterações anteriores', 'history.undo': 'Desfazer',
      'history.until': 'até {time}',
      'outcome.changed': 'salvo', 'outcome.unchanged': 'já estava assim', 'outcome.reverted': 'revertido',
      'outcome.superseded': 'mantido (alterado depois)', 'outcome.revert-cancelled': 'mantido de vez',
      'outcome.revert-failed': 'reversão falhou, tentando de novo', 'outcome.other': 'não salvo ({kind})',
      'cause.undo': 'Desfazer', 'cause.revert': 'Revertido no horário', 'cause.revert-now': 'Revertido antes do prazo',
      'undo.done': 'Desfeito: {changes}.',
      'err.movedon.title': 'Alterado de novo',
      'err.movedon.detail': 'Alguém alterou este valor depois daquela alteração, então ela não foi desfeita. Nada foi alterado.',
      'err.gone.title': 'Já feito', 'err.gone.detail': 'Esta alteração já foi revertida ou mantida.'
    },
    ja: {
      'impact.teams': {other: 'チーム {teams} が使用'},
      'impact.direct': {other: '直接 {n} 人のエージェント'},
      'impact.directOnly': {other: '{n} 人のエージェントが直接使用'},
      'impact.total': {other: '最大 {n} 人のエージェント'},
      'impact.unknown': '人数不明のエージェント',
      'impact.none': '現在このプロファイルを使用しているチームやエージェントはありません。',
      'impact.outside': 'この変更はあなたのチーム以外にも影響します: {teams}。',
      'keep.label': '変更の期間', 'keep.always': '次に変更するまで', 'keep.1h': '1 時間',
      'keep.2h': '2 時間', 'keep.4h': '4 時間', 'keep.shift': 'シフト終了まで ({time})',
      'keep.custom': '指定した時刻まで', 'keep.until': '元に戻す時刻',
      'saved.until': '{when}に自動で元に戻ります。', 'saved.nothing': '変更がないため、元に戻す予定はありません。',
      'reverts.title': '自動で元に戻る変更', 'reverts.item': '{changes}: {when}に元に戻ります',
      'reverts.cancel': 'このまま残す', 'reverts.now': '今すぐ元に戻す',
      'reverts.cancelled': '変更はそのまま残り、元に戻りません。', 'reverts.done': '元に戻しました: {changes}。',
      'reverts.superseded': 'その後に値が変更されたため、何も元に戻していません。',
      'history.show': '履歴を表示', 'history.hide': '履歴を隠す', 'history.title': '履歴',
      'history.empty': '記録された変更はまだありません。', 'history.more': 'さらに古い変更', 'history.undo': '取り消す',
      'history.until': '{time} まで',
      'outcome.changed': '保存済み', 'outcome.unchanged': '設定済み', 'outcome.reverted': '元に戻しました',
      'outcome.superseded': 'そのまま (その後に変更済み)', 'outcome.revert-cancelled': 'そのまま残す',
      'outcome.revert-failed': '元に戻せず再試行中', 'outcome.other': '保存されていません ({kind})',
      'cause.undo': '取り消し', 'cause.revert': '予定どおり元に戻す', 'cause.revert-now': '早めに元に戻す',
      'undo.done': '取り消しました: {changes}。',
      'err.movedon.title': 'その後に変更されています',
      'err.movedon.detail': 'その変更の後に誰かがこの値を変更したため、取り消していません。何も変更されていません。',
      'err.gone.title': '処理済み', 'err.gone.detail': 'この変更はすでに元に戻されたか、残されています。'
    }
  };
  for (const [lang, words] of Object.entries(CHANGE_MESSAGES)) Object.assign(MESSAGES[lang], words);

  /*
   * The Agents view's words (issue 12), kept apart so each view's texts stay together; merged into MESSAGES.
   */
  const AGENT_MESSAGES = {
    en: {
      'agents.until.label': 'Until (optional: then set back by itself)', 'agents.done.until': {one: 'Changed {n} agent until {time}.', other: 'Changed {n} agents until {time}.'},
      'tabs.label': 'What to change', 'tab.profiles': 'Skill profiles', 'tab.agents': 'Agents',
      'agents.search.label': 'Find an agent', 'agents.search.placeholder': 'Name or e-mail',
      'agents.team.label': 'Team', 'agents.team.all': 'All teams',
      'agents.list.label': 'Agents you may manage', 'agents.empty': 'There are no agents you may manage.',
      'agents.nomatch': 'No agent matches your search.',
      'agents.col.agent': 'Agent', 'agents.col.profile': 'Skill profile', 'agents.col.dynamic': 'Own skills',
      'agents.select': 'Select {name}', 'agents.select.page': 'Select every agent on this page',
      'agents.own': 'own', 'agents.fromteam': 'from team', 'agents.none': 'none',
      'agents.change.title': 'Change selected agents',
      'agents.selected': {one: '{n} agent selected.', other: '{n} agents selected.'},
      'agents.choose': 'Select one or more agents in the list to change them.',
      'agents.profile.label': 'Skill profile', 'agents.profile.keep': 'Keep as it is',
      'agents.profile.clear': 'Use the team’s profile',
      'agents.skill.label': 'Own skill', 'agents.skill.keep': 'No change',
      'agents.value.label': 'Value', 'agents.remove.label': 'Take this skill away',
      'agents.apply': {one: 'Apply to {n} agent', other: 'Apply to {n} agents'},
      'agents.progress': 'Changed {done} of {n}…',
      'agents.done': {one: 'Changed {n} agent.', other: 'Changed {n} agents.'},
      'agents.partial': '{ok} changed, {failed} not changed.',
      'agents.waiting': 'Contact Center needs a pause: the rest follows {when}.',
      'agents.nothing': 'Choose a skill profile or a skill to change.',
      'agents.why.outside': 'not one of your agents', 'agents.why.notapplied': 'Contact Center did not apply it',
      'agents.why.refused': 'Contact Center refused it', 'agents.why.other': 'failed (HTTP {status})'
    },
    de: {
      'agents.until.label': 'Bis (optional: dann von selbst zurückgesetzt)', 'agents.done.until': {one: '{n} Agent bis {time} geändert.', other: '{n} Agenten bis {time} geändert.'},
      'tabs.label': 'Was ändern', 'tab.profiles': 'Skill-Profile', 'tab.agents': 'Agenten',
      'agents.search.label': 'Agenten suchen', 'agents.search.placeholder': 'Name oder E-Mail',
      'agents.team.label': 'Team', 'agents.team.all': 'Alle Teams',
      'agents.list.label': 'Agenten, die Sie betreuen', 'agents.empty': 'Es gibt keine Agenten, die Sie betreuen.',
      'agents.nomatch': 'Kein Agent passt zu Ihrer Suche.',
      'agents.col.agent': 'Agent', 'agents.col.profile': 'Skill-Profil', 'agents.col.dynamic': 'Eigene Skills',
      'agents.select': '{name} auswählen', 'agents.select.page': 'Alle Agenten dieser Seite auswählen',
      'agents.own': 'eigenes', 'agents.fromteam': 'vom Team', 'agents.none': 'keine',
      'agents.change.title': 'Ausgewählte Agenten ändern',
      'agents.selected': {one: '{n} Agent ausgewählt.', other: '{n} Agenten ausgewählt.'},
      'agents.choose': 'Wählen Sie einen oder mehrere Agenten in der Liste aus, um sie zu ändern.',
      'agents.profile.label': 'Skill-Profil', 'agents.profile.keep': 'Unverändert lassen',
      'agents.profile.clear': 'Profil des Teams verwenden',
      'agents.skill.label': 'Eigener Skill', 'agents.skill.keep': 'Keine Änderung',
      'agents.value.label': 'Wert', 'agents.remove.label': 'Diesen Skill entfernen',
      'agents.apply': {one: 'Auf {n} Agenten anwenden', other: 'Auf {n} Agenten anwenden'},
      'agents.progress': '{done} von {n} geändert…',
      'agents.done': {one: '{n} Agent geändert.', other: '{n} Agenten geändert.'},
      'agents.partial': '{ok} geändert, {failed} nicht geändert.',
      'agents.waiting': 'Contact Center braucht eine Pause: der Rest folgt {when}.',
      'agents.nothing': 'Wählen Sie ein Skill-Profil oder einen Skill zum Ändern.',
      'agents.why.outside': 'nicht einer Ihrer Agenten', 'agents.why.notapplied': 'von Contact Center nicht übernommen',
      'agents.why.refused': 'von Contact Center abgelehnt', 'agents.why.other': 'fehlgeschlagen (HTTP {status})'
    },
    fr: {
      'agents.until.label': 'Jusqu’à (facultatif : rétabli ensuite tout seul)', 'agents.done.until': {one: '{n} agent modifié jusqu’à {time}.', other: '{n} agents modifiés jusqu’à {time}.'},
      'tabs.label': 'Que modifier', 'tab.profiles': 'Profils de compétences', 'tab.agents': 'Agents',
      'agents.search.label': 'Trouver un agent', 'agents.search.placeholder': 'Nom ou e-mail',
      'agents.team.label': 'Équipe', 'agents.team.all': 'Toutes les équipes',
      'agents.list.label': 'Agents que vous gérez', 'agents.empty': 'Vous ne gérez aucun agent.',
      'agents.nomatch': 'Aucun agent ne correspond à votre recherche.',
      'agents.col.agent': 'Agent', 'agents.col.profile': 'Profil de compétences', 'agents.col.dynamic': 'Compétences propres',
      'agents.select': 'Sélectionner {name}', 'agents.select.page': 'Sélectionner tous les agents de cette page',
      'agents.own': 'propre', 'agents.fromteam': 'de l’équipe', 'agents.none': 'aucune',
      'agents.change.title': 'Modifier les agents sélectionnés',
      'agents.selected': {one: '{n} agent sélectionné.', other: '{n} agents sélectionnés.'},
      'agents.choose': 'Sélectionnez un ou plusieurs agents dans la liste pour les modifier.',
      'agents.profile.label': 'Profil de compétences', 'agents.profile.keep': 'Laisser tel quel',
      'agents.profile.clear': 'Utiliser le profil de l’équipe',
      'agents.skill.label': 'Compétence propre', 'agents.skill.keep': 'Aucune modification',
      'agents.value.label': 'Valeur', 'agents.remove.label': 'Retirer cette compétence',
      'agents.apply': {one: 'Appliquer à {n} agent', other: 'Appliquer à {n} agents'},
      'agents.progress': '{done} sur {n} modifiés…',
      'agents.done': {one: '{n} agent modifié.', other: '{n} agents modifiés.'},
      'agents.partial': '{ok} modifiés, {failed} non modifiés.',
      'agents.waiting': 'Contact Center demande une pause : la suite {when}.',
      'agents.nothing': 'Choisissez un profil ou une compétence à modifier.',
      'agents.why.outside': 'pas l’un de vos agents', 'agents.why.notapplied': 'non appliqué par Contact Center',
      'agents.why.refused': 'refusé par Contact Center', 'agents.why.other': 'échec (HTTP {status})'
    },
    es: {
      'agents.until.label': 'Hasta (opcional: después se restablece solo)', 'agents.done.until': {one: '{n} agente cambiado hasta {time}.', other: '{n} agentes cambiados hasta {time}.'},
      'tabs.label': 'Qué cambiar', 'tab.profiles': 'Perfiles de habilidades', 'tab.agents': 'Agentes',
      'agents.search.label': 'Buscar un agente', 'agents.search.placeholder': 'Nombre o correo',
      'agents.team.label': 'Equipo', 'agents.team.all': 'Todos los equipos',
      'agents.list.label': 'Agentes que gestiona', 'agents.empty': 'No gestiona ningún agente.',
      'agents.nomatch': 'Ningún agente coincide con su búsqueda.',
      'agents.col.agent': 'Agente', 'agents.col.profile': 'Perfil de habilidades', 'agents.col.dynamic': 'Habilidades propias',
      'agents.select': 'Seleccionar a {name}', 'agents.select.page': 'Seleccionar todos los agentes de esta página',
      'agents.own': 'propio', 'agents.fromteam': 'del equipo', 'agents.none': 'ninguna',
      'agents.change.title': 'Cambiar los agentes seleccionados',
      'agents.selected': {one: '{n} agente seleccionado.', other: '{n} agentes seleccionados.'},
      'agents.choose': 'Seleccione uno o varios agentes de la lista para cambiarlos.',
      'agents.profile.label': 'Perfil de habilidades', 'agents.profile.keep': 'Dejar como está',
      'agents.profile.clear': 'Usar el perfil del equipo',
      'agents.skill.label': 'Habilidad propia', 'agents.skill.keep': 'Sin cambios',
      'agents.value.label': 'Valor', 'agents.remove.label': 'Quitar esta habilidad',
      'agents.apply': {one: 'Aplicar a {n} agente', other: 'Aplicar a {n} agentes'},
      'agents.progress': '{done} de {n} cambiados…',
      'agents.done': {one: '{n} agente cambiado.', other: '{n} agentes cambiados.'},
      'agents.partial': '{ok} cambiados, {failed} sin cambiar.',
      'agents.waiting': 'Contact Center necesita una pausa: el resto sigue {when}.',
      'agents.nothing': 'Elija un perfil o una habilidad para cambiar.',
      'agents.why.outside': 'no es uno de sus agentes', 'agents.why.notapplied': 'Contact Center no lo aplicó',
      'agents.why.refused': 'Contact Center lo rechazó', 'agents.why.other': 'falló (HTTP {status})'
    },
    'pt-BR': {
      'agents.until.label': 'Até (opcional: depois volta sozinho)', 'agents.done.until': {one: '{n} agente alterado até {time}.', other: '{n} agentes alterados até {time}.'},
      'tabs.label': 'O que alterar', 'tab.profiles': 'Perfis de habilidades', 'tab.agents': 'Agentes',
      'agents.search.label': 'Encontrar um agente', 'agents.search.placeholder': 'Nome ou e-mail',
      'agents.team.label': 'Equipe', 'agents.team.all': 'Todas as equipes',
      'agents.list.label': 'Agentes que você gerencia', 'agents.empty': 'Você não gerencia nenhum agente.',
      'agents.nomatch': 'Nenhum agente corresponde à sua busca.',
      'agents.col.agent': 'Agente', 'agents.col.profile': 'Perfil de habilidades', 'agents.col.dynamic': 'Habilidades próprias',
      'agents.select': 'Selecionar {name}', 'agents.select.page': 'Selecionar todos os agentes desta página',
      'agents.own': 'próprio', 'agents.fromteam': 'da equipe', 'agents.none': 'nenhuma',
      'agents.change.title': 'Alterar os agentes selecionados',
      'agents.selected': {one: '{n} agente selecionado.', other: '{n} agentes selecionados.'},
      'agents.choose': 'Selecione um ou mais agentes na lista para alterá-los.',
      'agents.profile.label': 'Perfil de habilidades', 'agents.profile.keep': 'Manter como está',
      'agents.profile.clear': 'Usar o perfil da equipe',
      'agents.skill.label': 'Habilidade própria', 'agents.skill.keep': 'Sem alteração',
      'agents.value.label': 'Valor', 'agents.remove.label': 'Remover esta habilidade',
      'agents.apply': {one: 'Aplicar a {n} agente', other: 'Aplicar a {n} agentes'},
      'agents.progress': '{done} de {n} alterados…',
      'agents.done': {one: '{n} agente alterado.', other: '{n} agentes alterados.'},
      'agents.partial': '{ok} alterados, {failed} não alterados.',
      'agents.waiting': 'O Contact Center precisa de uma pausa: o restante segue {when}.',
      'agents.nothing': 'Escolha um perfil ou uma habilidade para alterar.',
      'agents.why.outside': 'não é um dos seus agentes', 'agents.why.notapplied': 'o Contact Center não aplicou',
      'agents.why.refused': 'o Contact Center recusou', 'agents.why.other': 'falhou (HTTP {status})'
    },
    ja: {
      'agents.until.label': '期限 (任意: その後自動で元に戻ります)', 'agents.done.until': {other: '{time} まで {n} 人のエージェントを変更しました。'},
      'tabs.label': '変更する対象', 'tab.profiles': 'スキルプロファイル', 'tab.agents': 'エージェント',
      'agents.search.label': 'エージェントを検索', 'agents.search.placeholder': '名前またはメール',
      'agents.team.label': 'チーム', 'agents.team.all': 'すべてのチーム',
      'agents.list.label': '管理できるエージェント', 'agents.empty': '管理できるエージェントはいません。',
      'agents.nomatch': '検索に一致するエージェントはいません。',
      'agents.col.agent': 'エージェント', 'agents.col.profile': 'スキルプロファイル', 'agents.col.dynamic': '個別スキル',
      'agents.select': '{name} を選択', 'agents.select.page': 'このページのエージェントをすべて選択',
      'agents.own': '個別', 'agents.fromteam': 'チームから', 'agents.none': 'なし',
      'agents.change.title': '選択したエージェントを変更',
      'agents.selected': {other: '{n} 人のエージェントを選択中。'},
      'agents.choose': '変更するエージェントを一覧から選択してください。',
      'agents.profile.label': 'スキルプロファイル', 'agents.profile.keep': '変更しない',
      'agents.profile.clear': 'チームのプロファイルを使う',
      'agents.skill.label': '個別スキル', 'agents.skill.keep': '変更しない',
      'agents.value.label': '値', 'agents.remove.label': 'このスキルを外す',
      'agents.apply': {other: '{n} 人に適用'},
      'agents.progress': '{n} 人中 {done} 人を変更しました…',
      'agents.done': {other: '{n} 人のエージェントを変更しました。'},
      'agents.partial': '{ok} 人を変更、{failed} 人は変更されませんでした。',
      'agents.waiting': 'Contact Center の休止が必要です。残りは{when}に続行します。',
      'agents.nothing': '変更するスキルプロファイルまたはスキルを選んでください。',
      'agents.why.outside': '管理対象のエージェントではありません', 'agents.why.notapplied': 'Contact Center が適用しませんでした',
      'agents.why.refused': 'Contact Center が拒否しました', 'agents.why.other': '失敗しました (HTTP {status})'
    }
  };
  for (const [lang, words] of Object.entries(AGENT_MESSAGES)) Object.assign(MESSAGES[lang], words);


  const LANGUAGES = Object.keys(MESSAGES);

  /** "de-DE" → "de", "pt" / "pt-PT" → "pt-BR", unknown → null. */
  function supported(tag) {
    if (!tag || typeof tag !== 'string') return null;
    const lower = tag.trim().replace('_', '-').toLowerCase();
    const language = lower.split('-')[0];
    if (language === 'pt') return 'pt-BR';
    return LANGUAGES.includes(language) ? language : null;
  }

  /** Tiny element builder: h('button', {type: 'button'}, 'text', child). Text is always a text node. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return el;
  }

  /** A failed call: status, the problem's kind (its type URN's last part) and what the broker added. */
  class CallError extends Error {
    constructor(status, kind, problem, retryAfter) {
      super(kind || String(status));
      this.status = status;
      this.kind = kind;
      this.problem = problem || {};
      this.retryAfter = retryAfter;
    }
  }

  function seconds(text) {
    const n = Number.parseInt(text, 10);
    return Number.isFinite(n) && n >= 0 ? n : null;
  }

  function itemsOf(json) {
    if (Array.isArray(json)) return json;
    return json.items || [];
  }

  function skillValue(skill) {
    for (const key of ['value', 'proficiencyValue', 'booleanValue', 'textValue', 'enumValue']) {
      if (skill[key] !== undefined && skill[key] !== null) return skill[key];
    }
    return null;
  }

  /** The tabs and the Agents view's few own rules; everything else is the Skill profiles view's style. */
  const AGENT_STYLE = `
.tabs { display: flex; gap: var(--space-1); border-bottom: 1px solid var(--line); margin: 0 0 var(--space-3); }
.tabs[hidden] { display: none; }
[role=tab] { border: 0; border-radius: var(--radius) var(--radius) 0 0; border-bottom: 3px solid transparent;
  padding: 6px var(--space-3); color: var(--fg-2); }
[role=tab][aria-selected="true"] { color: var(--fg); border-bottom-color: var(--accent); }
[role=tabpanel][hidden] { display: none; }
select, input[type=text], input[type=datetime-local] { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line-strong);
  border-radius: var(--radius); padding: 5px var(--space-2); min-height: 32px; max-width: 100%; }
@container (min-width: 640px) { .layout.agents { grid-template-columns: minmax(0, 3fr) minmax(240px, 2fr); } }
.agents table { font-size: 13px; }
.agents select, .agents input[type=text], .agents input[type=number], .agents input[type=datetime-local] { display: block; margin-bottom: var(--space-2); }
.agents .desc { display: block; font-size: 12px; line-height: 16px; }
.agents table[hidden], progress[hidden] { display: none; }
#agents-results { margin: var(--space-2) 0 0; padding-left: var(--space-4); }
#agents-results:empty { display: none; }
`;

  /** Agents per bulk request: the widget shows progress between them. */
  const AGENT_CHUNK = 5;

  /**
   * The Agents view: the agents the supervisor may manage (search, team, pages; each with teams, skill profile in
   * effect and own skills), a selection, and one change (skill profile, one own skill) for the selected agents,
   * sent five at a time with progress; when Contact Center's budget asks for a pause, the rest follows after it.
   */
  class AgentsView {
    constructor(widget) {
      this.w = widget;
      this.state = {search: '', team: '', page: 0, agents: [], total: 0, hasMore: false, teams: [], profiles: [],
        skills: [], selected: new Map(), busy: false, loaded: false};
      this.searchTimer = null;
      const t = (k, p) => widget.t(k, p);
      this.t = t;
      this.search = h('input', {type: 'search', id: 'agent-search', autocomplete: 'off', 'aria-controls': 'agents',
        oninput: () => this.onSearch()});
      this.searchLabel = h('label', {class: 'search', for: 'agent-search'});
      this.team = h('select', {id: 'agent-team', onchange: () => { this.state.team = this.team.value; this.state.page = 0; this.load(); }});
      this.teamLabel = h('label', {class: 'search', for: 'agent-team'});
      this.table = h('table', {id: 'agents'});
      this.info = h('p', {class: 'muted', id: 'agents-info'});
      this.prev = h('button', {type: 'button', id: 'agents-prev', onclick: () => this.turn(-1)});
      this.next = h('button', {type: 'button', id: 'agents-next', onclick: () => this.turn(1)});
      this.pager = h('div', {class: 'pager'}, this.prev, this.next);
      this.listPane = h('section', {class: 'pane', id: 'agents-pane'}, this.searchLabel, this.search,
        this.teamLabel, this.team, this.table, this.info, this.pager);
      this.changePane = h('section', {class: 'pane', id: 'agents-change'});
      this.element = h('div', {class: 'layout agents'}, this.listPane, this.changePane);
    }

    render() {
      const t = this.t;
      const s = this.state;
      this.searchLabel.textContent = t('agents.search.label');
      this.search.placeholder = t('agents.search.placeholder');
      this.teamLabel.textContent = t('agents.team.label');
      this.listPane.setAttribute('aria-label', t('agents.list.label'));
      this.changePane.setAttribute('aria-label', t('agents.change.title'));
      this.team.replaceChildren(h('option', {value: ''}, t('agents.team.all')),
        ...s.teams.map(team => h('option', {value: team.id, selected: team.id === s.team}, team.name || team.id)));
      this.table.setAttribute('aria-label', t('agents.list.label'));
      const all = s.agents.length > 0 && s.agents.every(a => s.selected.has(a.id));
      const head = h('tr', {},
        h('th', {scope: 'col'}, h('input', {type: 'checkbox', id: 'agents-all', checked: all, disabled: s.busy,
          'aria-label': t('agents.select.page'), onchange: e => this.selectPage(e.target.checked)})),
        h('th', {scope: 'col'}, t('agents.col.agent')), h('th', {scope: 'col'}, t('agents.col.profile')),
        h('th', {scope: 'col'}, t('agents.col.dynamic')));
      this.table.replaceChildren(h('thead', {}, head), h('tbody', {}, s.agents.map(a => this.row(a))));
      this.table.hidden = s.agents.length === 0;
      this.info.textContent = s.loaded && s.agents.length === 0
        ? (s.search || s.team ? t('agents.nomatch') : t('agents.empty')) : '';
      this.prev.textContent = t('pager.prev');
      this.next.textContent = t('pager.next');
      this.prev.disabled = s.busy || s.page <= 0;
      this.next.disabled = s.busy || !s.hasMore;
      this.pager.hidden = !(s.page > 0 || s.hasMore);
      this.renderChange();
    }

    row(agent) {
      const t = this.t;
      const s = this.state;
      const profiles = (agent.effectiveSkillProfiles || []).map(p =>
        (p.name || p.id) + ' (' + (p.source === 'agent' ? t('agents.own') : t('agents.fromteam')) + ')');
      const skills = (agent.dynamicSkills || []).map(d => (d.name || d.skillId) + ' ' + (d.unreadable ? '?' : this.w.shown(d.value)));
      const teams = (agent.teams || []).map(team => team.name || team.id).join(', ');
      return h('tr', {'data-agent': agent.id, class: s.selected.has(agent.id) ? 'changed' : false},
        h('td', {}, h('input', {type: 'checkbox', id: 'agent-' + agent.id, checked: s.selected.has(agent.id),
          disabled: s.busy, 'aria-label': t('agents.select', {name: agent.name || agent.email}),
          onchange: e => this.select(agent, e.target.checked)})),
        h('th', {scope: 'row'}, agent.name || agent.email,
          h('span', {class: 'desc muted'}, ' ' + [agent.email, teams].filter(Boolean).join(' · '))),
        h('td', {class: 'agent-profile'}, profiles.join(', ') || t('agents.none')),
        h('td', {class: 'agent-skills'}, skills.join(', ') || t('agents.none')));
    }

    select(agent, on) {
      if (on) this.state.selected.set(agent.id, agent);
      else this.state.selected.delete(agent.id);
      this.render();
      const box = this.w.shadow.getElementById('agent-' + agent.id);
      if (box) box.focus();
    }

    selectPage(on) {
      for (const agent of this.state.agents) {
        if (on) this.state.selected.set(agent.id, agent);
        else this.state.selected.delete(agent.id);
      }
      this.render();
      this.w.shadow.getElementById('agents-all').focus();
    }

    renderChange() {
      const t = this.t;
      const s = this.state;
      const n = s.selected.size;
      const title = h('h3', {id: 'agents-change-title'}, t('agents.change.title'));
      if (n === 0) {
        this.changePane.replaceChildren(title, h('p', {class: 'muted', id: 'agents-choose'}, t('agents.choose')));
        return;
      }
      const keep = this.form || {};
      this.profileSelect = h('select', {id: 'agent-profile'},
        h('option', {value: ''}, t('agents.profile.keep')), h('option', {value: '-'}, t('agents.profile.clear')),
        ...s.profiles.map(p => h('option', {value: p.id}, p.name || p.id)));
      this.profileSelect.value = keep.profile || '';
      this.skillSelect = h('select', {id: 'agent-skill', onchange: () => { this.captureForm(); this.renderChange(); }},
        h('option', {value: ''}, t('agents.skill.keep')),
        ...s.skills.map(k => h('option', {value: k.id}, k.name || k.id)));
      this.skillSelect.value = keep.skill || '';
      const skill = s.skills.find(k => k.id === this.skillSelect.value);
      const parts = [h('label', {class: 'search', for: 'agent-profile'}, t('agents.profile.label')), this.profileSelect,
        h('label', {class: 'search', for: 'agent-skill'}, t('agents.skill.label')), this.skillSelect];
      this.valueInput = null;
      this.removeBox = null;
      if (skill) {
        if (skill.type === 'BOOLEAN') {
          this.valueInput = h('select', {id: 'agent-value'}, h('option', {value: 'true'}, t('value.yes')),
            h('option', {value: 'false'}, t('value.no')));
        } else if (skill.type === 'TEXT') {
          this.valueInput = h('input', {type: 'text', id: 'agent-value', maxlength: 100});
        } else if (skill.type === 'ENUM') {
          this.valueInput = h('select', {id: 'agent-value'},
            ...(Array.isArray(skill.values) ? skill.values : []).map(v => h('option', {value: v}, v)));
        } else {
          this.valueInput = h('input', {type: 'number', id: 'agent-value', min: 0, max: 10, step: 1, inputmode: 'numeric'});
        }
        if (keep.value !== undefined) this.valueInput.value = keep.value;
        this.removeBox = h('input', {type: 'checkbox', id: 'agent-remove', checked: keep.remove === true,
          onchange: () => { this.valueInput.disabled = this.removeBox.checked; }});
        this.valueInput.disabled = keep.remove === true;
        parts.push(h('label', {class: 'search', for: 'agent-value'}, t('agents.value.label')), this.valueInput,
          h('p', {}, this.removeBox, ' ', h('label', {for: 'agent-remove'}, t('agents.remove.label'))));
      }
      this.untilInput = h('input', {type: 'datetime-local', id: 'agent-until'});
      if (keep.until) this.untilInput.value = keep.until;
      parts.push(h('label', {class: 'search', for: 'agent-until'}, t('agents.until.label')), this.untilInput);
      this.applyButton = h('button', {type: 'submit', class: 'primary', id: 'agents-apply', disabled: s.busy},
        t('agents.apply', {n}));
      this.progress = h('progress', {id: 'agents-progress', max: n, value: 0, hidden: !s.busy,
        'aria-label': t('agents.change.title')});
      const form = h('form', {id: 'agents-form', novalidate: true, onsubmit: e => { e.preventDefault(); this.apply(); }},
        h('fieldset', {disabled: s.busy}, ...parts), h('div', {class: 'actions'}, this.applyButton, this.progress));
      this.results = h('ul', {id: 'agents-results'});
      this.changePane.replaceChildren(title, h('p', {id: 'agents-selected'}, t('agents.selected', {n})), form,
        this.results);
    }

    captureForm() {
      this.form = {profile: this.profileSelect ? this.profileSelect.value : '',
        skill: this.skillSelect ? this.skillSelect.value : '',
        value: this.valueInput ? this.valueInput.value : undefined,
        remove: this.removeBox ? this.removeBox.checked : false,
        until: this.untilInput ? this.untilInput.value : ''};
    }

    /** The change the form describes, or null (and a message) when it names nothing or a value is wrong. */
    change() {
      const change = {};
      const profile = this.profileSelect.value;
      if (profile === '-') change.skillProfileId = null;
      else if (profile) change.skillProfileId = profile;
      const skill = this.state.skills.find(k => k.id === this.skillSelect.value);
      if (skill) {
        let value = null;
        if (!this.removeBox.checked) {
          const raw = this.valueInput.value.trim();
          if (skill.type === 'BOOLEAN') value = raw === 'true';
          else if (skill.type === 'TEXT' || skill.type === 'ENUM') value = raw;
          else {
            const n = Number(raw);
            if (raw === '' || !Number.isInteger(n) || n < 0 || n > 10) {
              this.valueInput.setAttribute('aria-invalid', 'true');
              this.w.say({kind: 'error', title: 'invalid.one', params: {name: skill.name}, source: 'agents'});
              this.valueInput.focus();
              return null;
            }
            value = n;
          }
        }
        change.dynamicSkills = [{skillId: skill.id, value}];
      }
      if (Object.keys(change).length === 0) {
        this.w.say({kind: 'error', title: 'agents.nothing', source: 'agents'});
        return null;
      }
      // a local date and time from the picker, sent as an instant: the broker sets the change back then
      const until = this.untilInput.value ? new Date(this.untilInput.value) : null;
      if (until && !Number.isNaN(until.getTime())) change.until = until.toISOString();
      return change;
    }

    async apply() {
      const s = this.state;
      if (s.busy) return;
      const change = this.change();
      if (!change) return;
      this.captureForm();
      const ids = [...s.selected.keys()];
      const failures = [];
      let done = 0;
      s.busy = true;
      this.render();
      this.progress.hidden = false;
      const step = () => {
        this.progress.value = done;
        this.w.say({kind: 'info', title: 'agents.progress', params: {done, n: ids.length}, source: 'agents'});
      };
      step();
      try {
        if (ids.length === 1) {
          await this.w.call('PATCH', '/api/agents/' + encodeURIComponent(ids[0]), change);
          done = 1;
        } else {
          let queue = ids.slice();
          while (queue.length > 0) {
            const chunk = queue.slice(0, AGENT_CHUNK);
            const answer = await this.w.call('PATCH', '/api/agents', {agentIds: chunk, change});
            const waiting = [];
            for (const r of answer.results || []) {
              if (r.outcome === 'changed' || r.outcome === 'unchanged') done++;
              else if (r.outcome === 'not-attempted') waiting.push(r.agentId);
              else failures.push(r);
            }
            queue = waiting.concat(queue.slice(chunk.length));
            step();
            if (waiting.length > 0) {
              const wait = Math.max(1, answer.retryAfter || 1);
              this.w.say({kind: 'info', title: 'agents.waiting', params: {when: this.w.inSeconds(wait)}, source: 'agents'});
              await new Promise(resolve => setTimeout(resolve, wait * 1000));
            }
          }
        }
        this.progress.value = done;
        s.selected.clear();
        this.form = null;
        if (failures.length === 0 && change.until) {
          const time = new Intl.DateTimeFormat(this.w.language(), {dateStyle: 'medium', timeStyle: 'short'})
            .format(new Date(change.until));
          this.w.say({kind: 'success', title: 'agents.done.until', params: {n: done, time}, source: 'agents'});
        } else if (failures.length === 0) {
          this.w.say({kind: 'success', title: 'agents.done', params: {n: done}, source: 'agents'});
        } else {
          this.w.say({kind: 'error', title: 'agents.partial', params: {ok: done, failed: failures.length}, source: 'agents'});
        }
      } catch (e) {
        this.w.fail(e, 'agents', null);
      } finally {
        s.busy = false;
        await this.load();
        this.results.replaceChildren(...failures.map(r => h('li', {'data-agent': r.agentId},
          (r.name || r.agentId) + ': ' + this.why(r))));
      }
    }

    why(result) {
      const kind = result.outcome;
      if (kind === 'agent-outside-your-scope') return this.t('agents.why.outside');
      if (kind === 'change-not-applied') return this.t('agents.why.notapplied');
      if (kind === 'contact-center-refused') return this.t('agents.why.refused');
      return this.t('agents.why.other', {status: result.status});
    }

    onSearch() {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        this.state.search = this.search.value.trim();
        this.state.page = 0;
        this.load();
      }, 250);
    }

    turn(delta) {
      this.state.page = Math.max(0, this.state.page + delta);
      this.load();
    }

    async load() {
      if (!this.w.ready()) return;
      const s = this.state;
      const query = new URLSearchParams({search: s.search, page: String(s.page)});
      if (s.team) query.set('team', s.team);
      this.table.setAttribute('aria-busy', 'true');
      try {
        const json = await this.w.call('GET', '/api/agents?' + query);
        s.agents = Array.isArray(json.agents) ? json.agents.filter(a => a && a.id) : [];
        s.total = json.total || 0;
        s.hasMore = json.hasMore === true;
        s.teams = Array.isArray(json.teams) ? json.teams : [];
        s.profiles = Array.isArray(json.assignableProfiles) ? json.assignableProfiles : [];
        s.skills = Array.isArray(json.dynamicSkills) ? json.dynamicSkills : [];
        s.loaded = true;
        this.w.clear('load');
      } catch (e) {
        this.w.fail(e, 'load', () => this.load());
      } finally {
        this.table.removeAttribute('aria-busy');
        this.render();
      }
    }
  }

  class SkillEditorWidget extends HTMLElement {
    static get observedAttributes() {
      return ['access-token', 'broker-url', 'dark-mode', 'org-id', 'locale'];
    }

    /** Keys of English that {@code lang} lacks: the tests' check for untranslated text. */
    static untranslated(lang) {
      const own = MESSAGES[lang] || {};
      return Object.keys(MESSAGES.en).filter(key => !(key in own));
    }

    static get languages() {
      return LANGUAGES.slice();
    }

    constructor() {
      super();
      this.shadow = this.attachShadow({mode: 'open'});
      this.state = {search: '', page: 0, hasNext: false, profiles: [], profile: null, edits: new Map(),
        invalid: new Map(), busy: false, retryUntil: 0, authFailed: false, blocked: false, active: 0,
        pending: null, keep: 'always', keepUntil: '', reverts: [], history: null};
      this.note = null; // what the message box shows: {kind, title, detail, retry, source}
      this.listSeq = 0;
      this.listAbort = null;
      this.searchTimer = null;
      this.retryTimer = null;
      this.build();
    }

    connectedCallback() {
      if (!this.loaded && this.ready()) this.loadList();
    }

    disconnectedCallback() {
      clearTimeout(this.searchTimer);
      clearInterval(this.retryTimer);
      if (this.listAbort) this.listAbort.abort();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue) return;
      if (name === 'locale') {
        this.chosenLanguage = null;
        this.renderAll();
        return;
      }
      if (!this.isConnected) return;
      if (name === 'access-token' || name === 'broker-url') {
        // The Desktop renews the token: the next call reads the new value. Reload when nothing is shown
        // yet or the last call failed for want of a valid token.
        if (this.ready() && (!this.loaded || this.state.authFailed)) {
          this.state.authFailed = false;
          this.loadList();
        }
      }
    }

    // ---- language ----

    /** The Desktop's locale attribute, else the browser's languages, else English. */
    language() {
      if (!this.chosenLanguage) {
        const candidates = [this.getAttribute('locale')].concat(navigator.languages || [navigator.language]);
        this.chosenLanguage = candidates.map(supported).find(Boolean) || 'en';
      }
      return this.chosenLanguage;
    }

    t(key, params) {
      const lang = this.language();
      let text = key in MESSAGES[lang] ? MESSAGES[lang][key] : MESSAGES.en[key];
      if (text === undefined) return key;
      if (typeof text === 'object') {
        const n = params && typeof params.n === 'number' ? params.n : 0;
        text = text[new Intl.PluralRules(lang).select(n)] || text.other;
      }
      return text.replace(/\{(\w+)\}/g, (all, name) => {
        if (!params || !(name in params)) return all;
        const value = params[name];
        return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
      });
    }

    /** "in 25 seconds" / "in 2 minutes", in the widget's language. */
    inSeconds(n) {
      const rtf = new Intl.RelativeTimeFormat(this.language(), {numeric: 'auto'});
      return n >= 90 ? rtf.format(Math.ceil(n / 60), 'minute') : rtf.format(Math.max(1, n), 'second');
    }

    shown(value) {
      if (value === true) return this.t('value.yes');
      if (value === false) return this.t('value.no');
      if (value === null || value === undefined || value === '') return '—';
      return typeof value === 'number' ? new Intl.NumberFormat(this.language()).format(value) : String(value);
    }

    /** The token as the Desktop holds it right now; read for each call, kept nowhere. */
    token() {
      return (this.getAttribute('access-token') || '').trim();
    }

    base() {
      return (this.getAttribute('broker-url') || '').trim().replace(/\/+$/, '');
    }

    ready() {
      if (!this.base()) {
        this.say({kind: 'error', title: 'unconfigured.title', detail: 'unconfigured.detail', source: 'setup'});
        return false;
      }
      if (!this.token() || this.token().startsWith('$STORE')) {
        this.say({kind: 'info', title: 'signin.wait', source: 'wait'});
        return false;
      }
      return true;
    }

    // ---- DOM ----

    build() {
      this.heading = h('h2', {});
      this.search = h('input', {type: 'search', id: 'search', autocomplete: 'off', 'aria-controls': 'profiles',
        oninput: () => this.onSearch()});
      this.searchLabel = h('label', {class: 'search', for: 'search'});
      // One listbox, one Tab stop: arrow keys move, Enter or Space opens (WAI-ARIA listbox pattern).
      this.list = h('div', {class: 'listbox', id: 'profiles', role: 'listbox', tabindex: '0',
        onkeydown: e => this.onListKey(e), onfocus: () => this.renderActive()});
      this.listInfo = h('p', {class: 'muted', id: 'list-info'});
      this.prev = h('button', {type: 'button', id: 'prev', onclick: () => this.turn(-1)});
      this.next = h('button', {type: 'button', id: 'next', onclick: () => this.turn(1)});
      this.pageLabel = h('span', {class: 'muted', id: 'page'});
      this.pager = h('div', {class: 'pager'}, this.prev, this.pageLabel, this.next);
      this.message = h('div', {class: 'message', id: 'message', role: 'status', 'aria-live': 'polite',
        'aria-atomic': 'true'});
      this.listPane = h('section', {class: 'pane', id: 'list-pane'}, this.searchLabel, this.search, this.list,
        this.listInfo, this.pager);
      this.editor = h('section', {class: 'pane', id: 'editor'});
      this.layout = h('div', {class: 'layout'}, this.listPane, this.editor);
      // Two views, WAI-ARIA tabs: one Tab stop, arrow keys move between them.
      this.agents = new AgentsView(this);
      this.view = 'profiles';
      this.tabProfiles = h('button', {type: 'button', role: 'tab', id: 'tab-profiles', 'aria-controls': 'panel-profiles',
        onclick: () => this.show('profiles'), onkeydown: e => this.onTabKey(e)});
      this.tabAgents = h('button', {type: 'button', role: 'tab', id: 'tab-agents', 'aria-controls': 'panel-agents',
        onclick: () => this.show('agents'), onkeydown: e => this.onTabKey(e)});
      this.tabs = h('div', {role: 'tablist', class: 'tabs'}, this.tabProfiles, this.tabAgents);
      this.panelProfiles = h('div', {role: 'tabpanel', id: 'panel-profiles', 'aria-labelledby': 'tab-profiles'}, this.layout);
      this.panelAgents = h('div', {role: 'tabpanel', id: 'panel-agents', 'aria-labelledby': 'tab-agents', hidden: true},
        this.agents.element);
      this.shadow.append(h('style', {}, STYLE + AGENT_STYLE), h('div', {class: 'root'}, this.heading, this.tabs,
        this.message, this.panelProfiles, this.panelAgents));
      this.renderAll();
    }

    /** Everything that depends on the language, then the rest. */
    renderAll() {
      const lang = this.language();
      this.shadow.querySelector('.root').setAttribute('lang', lang);
      this.heading.textContent = this.t('title');
      this.searchLabel.textContent = this.t('search.label');
      this.search.placeholder = this.t('search.placeholder');
      this.list.setAttribute('aria-label', this.t('list.label'));
      this.listPane.setAttribute('aria-label', this.t('list.label'));
      this.editor.setAttribute('aria-label', this.t('editor.label'));
      this.prev.textContent = this.t('pager.prev');
      this.next.textContent = this.t('pager.next');
      this.renderMessage();
      this.renderList();
      this.renderEditor(false);
      this.renderTabs();
      this.agents.render();
    }

    renderTabs() {
      const agents = this.view === 'agents';
      this.tabs.setAttribute('aria-label', this.t('tabs.label'));
      this.tabs.hidden = this.state.blocked;
      this.tabProfiles.textContent = this.t('tab.profiles');
      this.tabAgents.textContent = this.t('tab.agents');
      this.tabProfiles.setAttribute('aria-selected', agents ? 'false' : 'true');
      this.tabAgents.setAttribute('aria-selected', agents ? 'true' : 'false');
      this.tabProfiles.tabIndex = agents ? -1 : 0;
      this.tabAgents.tabIndex = agents ? 0 : -1;
      this.panelProfiles.hidden = agents;
      this.panelAgents.hidden = !agents || this.state.blocked;
    }

    /** Shows the Skill profiles or the Agents view; the agents are loaded the first time. */
    show(view) {
      this.view = view;
      this.renderTabs();
      if (view === 'agents' && !this.agents.state.loaded) this.agents.load();
    }

    onTabKey(e) {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        const agents = e.key === 'End' || (e.key !== 'Home' && this.view === 'profiles');
        this.show(agents ? 'agents' : 'profiles');
        (agents ? this.tabAgents : this.tabProfiles).focus();
      }
    }

    /**
     * Shows one message. {kind, title, detail, params, retry, source}: title and detail are message keys.
     * Errors are announced at once (role=alert), the rest politely (role=status).
     */
    say(note) {
      this.note = note && note.title ? note : null;
      this.renderMessage();
    }

    /** Clears the message if it came from {@code source} (e.g. 'wait', 'load', 'invalid'). */
    clear(...sources) {
      if (this.note && sources.includes(this.note.source)) this.say(null);
    }

    renderMessage() {
      const note = this.note;
      const error = note && note.kind === 'error';
      this.message.setAttribute('role', error ? 'alert' : 'status');
      this.message.setAttribute('aria-live', error ? 'assertive' : 'polite');
      this.message.replaceChildren();
      this.message.dataset.kind = note ? note.kind : 'info';
      if (!note) return;
      const p = note.params || {};
      const title = this.t(note.title, p);
      if (note.detail) {
        const detail = [].concat(note.detail).map(key => this.t(key, p)).join(' ');
        this.message.append(h('strong', {}, title), h('span', {}, detail));
      } else {
        this.message.append(h('span', {}, title));
      }
      if (note.retry) {
        this.message.append(h('div', {}, h('button', {type: 'button', id: 'retry', onclick: note.retry}, this.t('retry'))));
      }
    }

    renderList() {
      const s = this.state;
      this.layout.hidden = s.blocked;
      const options = s.profiles.map((p, i) => h('div', {role: 'option', class: 'option' + (i === s.active ? ' active' : ''),
        id: 'option-' + i, 'data-id': p.id, 'aria-selected': s.profile && s.profile.id === p.id ? 'true' : 'false',
        onclick: () => { s.active = i; this.choose(p); }},
        p.name || p.id, p.description ? h('span', {class: 'desc'}, p.description) : null));
      this.list.replaceChildren(...options);
      this.list.hidden = options.length === 0;
      this.list.setAttribute('aria-disabled', s.busy ? 'true' : 'false');
      this.renderActive();
      this.listInfo.textContent = this.loaded && s.profiles.length === 0
        ? (s.search ? this.t('list.nomatch', {q: s.search}) : this.t('list.empty')) : '';
      this.prev.disabled = s.busy || s.page <= 0;
      this.next.disabled = s.busy || !s.hasNext;
      this.pager.hidden = !(s.page > 0 || s.hasNext);
      this.pageLabel.textContent = this.t('pager.page', {n: s.page + 1});
    }

    renderActive() {
      const s = this.state;
      if (s.profiles.length === 0) {
        this.list.removeAttribute('aria-activedescendant');
        return;
      }
      s.active = Math.max(0, Math.min(s.active, s.profiles.length - 1));
      this.list.setAttribute('aria-activedescendant', 'option-' + s.active);
      for (const option of this.list.children) option.classList.toggle('active', option.id === 'option-' + s.active);
      const active = this.list.children[s.active];
      if (active && active.scrollIntoView && this.shadow.activeElement === this.list) active.scrollIntoView({block: 'nearest'});
    }

    onListKey(e) {
      const s = this.state;
      const last = s.profiles.length - 1;
      if (last < 0) return;
      const moves = {ArrowDown: s.active + 1, ArrowUp: s.active - 1, Home: 0, End: last, PageDown: s.active + 5, PageUp: s.active - 5};
      if (e.key in moves) {
        e.preventDefault();
        s.active = Math.max(0, Math.min(last, moves[e.key]));
        this.renderActive();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.choose(s.profiles[s.active]);
      }
    }

    renderEditor(focus) {
      const s = this.state;
      const p = s.profile;
      if (!p) {
        this.editor.replaceChildren(h('p', {class: 'muted'}, this.t('editor.choose')));
        return;
      }
      const name = p.name || p.id;
      const skills = Array.isArray(p.activeSkills) ? p.activeSkills : [];
      const title = h('h3', {id: 'profile-title', tabindex: '-1'}, name);
      this.saveButton = h('button', {type: 'submit', class: 'primary', id: 'save'});
      this.undoButton = h('button', {type: 'button', id: 'undo', onclick: () => this.undo()}, this.t('undo'));
      this.waitLabel = h('span', {class: 'muted', id: 'wait', 'aria-live': 'off'});
      const confirm = s.pending ? this.confirmBox(name) : null;
      const form = h('form', {id: 'skills-form', novalidate: true, onsubmit: e => { e.preventDefault(); this.save(); }},
        h('fieldset', {disabled: s.busy, 'aria-busy': s.busy ? 'true' : false},
          h('legend', {class: 'sr-only'}, this.t('editor.legend', {name})),
          skills.length === 0 ? h('p', {class: 'muted'}, this.t('editor.noskills'))
            : h('table', {},
              h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, this.t('col.skill')), h('th', {scope: 'col'}, this.t('col.value')))),
              h('tbody', {}, skills.map(skill => this.row(skill)))),
          this.keepRow(),
          h('div', {class: 'actions'}, this.saveButton, this.undoButton,
            h('button', {type: 'button', id: 'reload', onclick: () => this.open(p.id)}, this.t('reload')),
            this.waitLabel)));
      this.editor.replaceChildren(confirm || '', title, ...this.impact(p), h('p', {class: 'muted'}, this.t('editor.scale')),
        form, this.revertsSection(), this.historySection());
      this.renderControls();
      if (confirm) confirm.querySelector('#keep').focus();
      else if (focus) title.focus();
    }

    /** Asks before unsaved edits are dropped by opening another profile. */
    confirmBox(name) {
      const s = this.state;
      const next = s.pending;
      const n = s.edits.size + s.invalid.size;
      return h('div', {class: 'confirm', id: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-text'},
        h('p', {id: 'confirm-text'}, this.t('discard.question', {n, name})),
        h('div', {class: 'actions'},
          h('button', {type: 'button', id: 'keep', class: 'primary', onclick: () => { s.pending = null; this.renderEditor(false); }},
            this.t('discard.keep')),
          h('button', {type: 'button', id: 'discard', onclick: () => { s.pending = null; this.open(next.id); }},
            this.t('discard.confirm', {next: next.name || next.id}))));
    }

    row(skill) {
      const s = this.state;
      const id = skill.skillId;
      const name = skill.name || skill.skillName || id;
      const type = String(skill.type || '').toUpperCase();
      const original = skillValue(skill);
      if (type !== 'PROFICIENCY' || skill.editable === false) {
        const why = type !== 'PROFICIENCY'
          ? this.t('skill.readonly', {type: this.t(MESSAGES.en['type.' + type] ? 'type.' + type : 'type.other')})
          : this.t('skill.noedit');
        return h('tr', {'data-skill': id, class: 'readonly'},
          h('th', {scope: 'row'}, name, h('small', {class: 'muted'}, ' (' + why + ')')),
          h('td', {class: 'value'}, this.shown(original)));
      }
      const invalid = s.invalid.has(id);
      const value = invalid ? s.invalid.get(id) : s.edits.has(id) ? s.edits.get(id) : original;
      const inputId = 'skill-' + id;
      const bar = h('span', {class: 'bar', 'aria-hidden': 'true'}, h('span', {}));
      bar.firstChild.style.width = (invalid ? 0 : Math.max(0, Math.min(10, Number(value) || 0)) * 10) + '%';
      const input = h('input', {type: 'number', id: inputId, min: 0, max: 10, step: 1, inputmode: 'numeric',
        value: value === null ? '' : value, 'data-skill': id, 'aria-describedby': inputId + '-was',
        'aria-invalid': invalid ? 'true' : 'false', oninput: e => this.edit(skill, e.target, bar)});
      return h('tr', {'data-skill': id, class: s.edits.has(id) || invalid ? 'changed' : false},
        h('th', {scope: 'row'}, h('label', {for: inputId}, name)),
        h('td', {class: 'value'}, input, bar,
          h('span', {class: 'sr-only', id: inputId + '-was'}, this.t('skill.hint', {value: this.shown(original)}))));
    }

    /**
     * One keystroke in a value. An invalid value (empty, 11, 2.5) stays on screen, marked, and blocks Save until
     * it is fixed: it is never dropped or silently replaced by the saved value.
     */
    edit(skill, input, bar) {
      const s = this.state;
      const id = skill.skillId;
      const raw = input.value.trim();
      const n = Number(raw);
      const valid = !input.validity.badInput && raw !== '' && Number.isInteger(n) && n >= 0 && n <= 10;
      input.setAttribute('aria-invalid', valid ? 'false' : 'true');
      if (!valid) {
        s.invalid.set(id, raw);
        s.edits.delete(id);
      } else {
        s.invalid.delete(id);
        if (n === skillValue(skill)) s.edits.delete(id);
        else s.edits.set(id, n);
      }
      bar.firstChild.style.width = (valid ? n * 10 : 0) + '%';
      input.closest('tr').classList.toggle('changed', s.edits.has(id) || s.invalid.has(id));
      this.sayInvalid();
      this.renderControls();
    }

    /** The message about invalid values, while there is one. */
    sayInvalid() {
      const s = this.state;
      if (s.invalid.size === 0) {
        this.clear('invalid');
        return;
      }
      const skills = (s.profile && s.profile.activeSkills) || [];
      if (s.invalid.size === 1) {
        const id = s.invalid.keys().next().value;
        const skill = skills.find(k => k.skillId === id) || {};
        this.say({kind: 'error', title: 'invalid.one', params: {name: skill.name || id}, source: 'invalid'});
      } else {
        this.say({kind: 'error', title: 'invalid.many', params: {n: s.invalid.size}, source: 'invalid'});
      }
    }

    /** Save, Undo and the wait after a 429, from the state. */
    renderControls() {
      const s = this.state;
      if (!this.saveButton) return;
      const changes = s.edits.size;
      const waiting = Math.max(0, Math.ceil((s.retryUntil - Date.now()) / 1000));
      this.saveButton.disabled = s.busy || changes === 0 || s.invalid.size > 0 || waiting > 0
        || this.untilChosen() === undefined;
      this.saveButton.textContent = s.busy ? this.t('save.busy')
        : changes === 0 || s.invalid.size > 0 ? this.t('save') : this.t('save.count', {n: changes});
      this.undoButton.disabled = changes === 0 && s.invalid.size === 0;
      this.waitLabel.textContent = waiting > 0 ? this.t('wait', {when: this.inSeconds(waiting)}) : '';
    }

    undo() {
      this.state.edits.clear();
      this.state.invalid.clear();
      this.renderEditor(false);
      this.say({kind: 'info', title: 'undone', source: 'undo'});
    }

    // ---- who a change reaches, timed changes, history and undo ----

    /** "Used by teams Billing and Support and 3 agents directly: up to 47 agents." and a warning when it reaches
     *  teams outside the supervisor's own. */
    impact(p) {
      const usage = p.usage;
      if (!usage || !Array.isArray(usage.teams)) return [];
      const lang = this.language();
      const list = names => new Intl.ListFormat(lang, {style: 'long', type: 'conjunction'}).format(names);
      const teams = usage.teams.map(t => t.name || t.id);
      const direct = Number.isInteger(usage.agentsDirect) ? usage.agentsDirect : 0;
      let line;
      if (teams.length === 0 && direct === 0) {
        line = this.t('impact.none');
      } else {
        const who = teams.length === 0 ? this.t('impact.directOnly', {n: direct})
          : list([this.t('impact.teams', {n: teams.length, teams: list(teams)})]
            .concat(direct > 0 ? [this.t('impact.direct', {n: direct})] : []));
        const total = Number.isInteger(usage.agents) ? this.t('impact.total', {n: usage.agents}) : this.t('impact.unknown');
        line = who + ': ' + total + '.';
      }
      const out = [h('p', {class: 'impact', id: 'impact'}, line)];
      const outside = usage.teams.filter(t => t.outsideYourTeams).map(t => t.name || t.id);
      if (outside.length > 0) {
        out.push(h('p', {class: 'warn', id: 'impact-warning', role: 'note'}, this.t('impact.outside', {teams: list(outside)})));
      }
      return out;
    }

    /** When the end of the shift is: the Desktop's shift-end attribute ("18:00"), next one from now. */
    shiftEnd() {
      const match = /^(\d{1,2}):(\d{2})$/.exec((this.getAttribute('shift-end') || '18:00').trim());
      const end = new Date();
      end.setHours(match ? Math.min(23, Number(match[1])) : 18, match ? Math.min(59, Number(match[2])) : 0, 0, 0);
      if (end.getTime() <= Date.now() + 60000) end.setDate(end.getDate() + 1);
      return end;
    }

    keepRow() {
      const s = this.state;
      const time = new Intl.DateTimeFormat(this.language(), {timeStyle: 'short'}).format(this.shiftEnd());
      const options = ['always', '1h', '2h', '4h', 'shift', 'custom'].map(k => h('option', {value: k,
        selected: s.keep === k}, k === 'shift' ? this.t('keep.shift', {time}) : this.t('keep.' + k)));
      const select = h('select', {id: 'keep', onchange: e => { s.keep = e.target.value; this.renderEditor(false); }}, options);
      const row = h('div', {class: 'keep'}, h('label', {for: 'keep'}, this.t('keep.label')), select);
      if (s.keep === 'custom') {
        const local = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
        row.append(h('label', {for: 'keep-until'}, this.t('keep.until')),
          h('input', {type: 'datetime-local', id: 'keep-until', value: s.keepUntil, min: local(new Date()),
            max: local(new Date(Date.now() + 7 * 86400000)), oninput: e => { s.keepUntil = e.target.value; this.renderControls(); }}));
      }
      return row;
    }

    /** The chosen revert time as an ISO instant, null for "until changed again", undefined when not set yet. */
    untilChosen() {
      const s = this.state;
      const hours = {'1h': 1, '2h': 2, '4h': 4}[s.keep];
      if (hours) return new Date(Date.now() + hours * 3600000).toISOString();
      if (s.keep === 'shift') return this.shiftEnd().toISOString();
      if (s.keep === 'custom') {
        const d = new Date(s.keepUntil);
        return s.keepUntil && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
      }
      return null;
    }

    /** "German 3 → 7, Spanish 5 → 1" */
    changeText(changes) {
      return (changes || []).map(c => (c.label || c.field) + ' ' + this.shown(c.from) + ' → ' + this.shown(c.to)).join(', ');
    }

    when(iso) {
      const d = new Date(iso);
      const seconds = Math.round((d.getTime() - Date.now()) / 1000);
      const rtf = new Intl.RelativeTimeFormat(this.language(), {numeric: 'auto'});
      const abs = Math.abs(seconds);
      const relative = abs < 90 ? rtf.format(seconds, 'second') : abs < 5400 ? rtf.format(Math.round(seconds / 60), 'minute')
        : abs < 129600 ? rtf.format(Math.round(seconds / 3600), 'hour') : rtf.format(Math.round(seconds / 86400), 'day');
      const absolute = new Intl.DateTimeFormat(this.language(), {dateStyle: 'medium', timeStyle: 'short'}).format(d);
      return relative + ' (' + absolute + ')';
    }

    revertsSection() {
      const s = this.state;
      if (!s.reverts.length) return '';
      return h('section', {class: 'changes', id: 'reverts', 'aria-labelledby': 'reverts-title'},
        h('h3', {id: 'reverts-title'}, this.t('reverts.title')),
        h('ul', {}, s.reverts.map(r => h('li', {'data-revert': r.id},
          h('span', {}, this.t('reverts.item', {changes: this.changeText(r.changes), when: this.when(r.dueAt)})),
          h('span', {class: 'actions'},
            h('button', {type: 'button', class: 'revert-now', disabled: s.busy, onclick: () => this.revertNow(r)}, this.t('reverts.now')),
            h('button', {type: 'button', class: 'revert-cancel', disabled: s.busy, onclick: () => this.cancelRevert(r)}, this.t('reverts.cancel')))))));
    }

    historySection() {
      const s = this.state;
      const open = s.history !== null;
      const toggle = h('button', {type: 'button', id: 'history-toggle', 'aria-expanded': open ? 'true' : 'false',
        'aria-controls': 'history', onclick: () => this.toggleHistory()}, this.t(open ? 'history.hide' : 'history.show'));
      const section = h('section', {class: 'changes', 'aria-label': this.t('history.title')}, toggle);
      if (!open) return section;
      const items = s.history.items;
      const list = h('ol', {id: 'history', 'aria-label': this.t('history.title')}, items.map(item => {
        const time = new Intl.DateTimeFormat(this.language(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(item.time));
        const cause = item.cause && MESSAGES.en['cause.' + item.cause] ? this.t('cause.' + item.cause) + ': ' : '';
        const outcome = MESSAGES.en['outcome.' + item.outcome] ? this.t('outcome.' + item.outcome)
          : this.t('outcome.other', {kind: item.outcome});
        const until = item.until ? ' · ' + this.t('history.until', {time: new Intl.DateTimeFormat(this.language(),
          {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(item.until))}) : '';
        const by = item.by && (item.by.name || item.by.email) ? ' · ' + (item.by.name || item.by.email) : '';
        return h('li', {'data-change': item.changeId},
          h('span', {}, cause + this.changeText(item.changes) + ' · ' + outcome + until,
            h('small', {class: 'muted', style: false}, h('br', {}), time + by)),
          item.undoable ? h('button', {type: 'button', class: 'undo-change', disabled: s.busy,
            'aria-label': this.t('history.undo') + ': ' + this.changeText(item.changes) + ', ' + time,
            onclick: () => this.undoChange(item)}, this.t('history.undo')) : null);
      }));
      section.append(items.length ? list : h('p', {class: 'muted', id: 'history'}, this.t('history.empty')));
      if (s.history.next) {
        section.append(h('button', {type: 'button', id: 'history-more', onclick: () => this.loadHistory(true)}, this.t('history.more')));
      }
      return section;
    }

    path(id, rest) {
      return '/api/skill-profiles/' + encodeURIComponent(id) + (rest || '');
    }

    async loadReverts(id) {
      try {
        const json = await this.call('GET', this.path(id, '/reverts'));
        if (this.state.profile && this.state.profile.id === id) this.state.reverts = itemsOf(json);
      } catch (e) {
        this.state.reverts = []; // the list is a convenience: the profile itself is shown
      }
    }

    toggleHistory() {
      if (this.state.history !== null) {
        this.state.history = null;
        this.renderEditor(false);
        this.shadow.querySelector('#history-toggle').focus();
        return;
      }
      this.loadHistory(false);
    }

    async loadHistory(more) {
      const s = this.state;
      const p = s.profile;
      if (!p) return;
      const query = more && s.history && s.history.next ? '?before=' + encodeURIComponent(s.history.next) : '';
      try {
        const json = await this.call('GET', this.path(p.id, '/history' + query));
        const earlier = more && s.history ? s.history.items : [];
        s.history = {items: earlier.concat(itemsOf(json)), next: json.next || null};
        this.renderEditor(false);
        const toggle = this.shadow.querySelector('#history-toggle');
        if (toggle) toggle.focus();
      } catch (e) {
        this.fail(e, 'open', () => this.loadHistory(more));
      }
    }

    /** Runs one history or revert action; then shows the profile, its reverts and its history afresh. */
    async act(request, success) {
      const s = this.state;
      const p = s.profile;
      if (!p || s.busy) return;
      s.busy = true;
      this.renderEditor(false);
      let note = null;
      try {
        note = success(await request());
      } catch (e) {
        if (e instanceof CallError && e.kind === 'moved-on') {
          note = {kind: 'error', title: 'err.movedon.title', detail: 'err.movedon.detail', source: 'history'};
        } else if (e instanceof CallError && e.kind === 'revert-not-found') {
          note = {kind: 'error', title: 'err.gone.title', detail: 'err.gone.detail', source: 'history'};
        } else {
          this.fail(e, 'history', null);
        }
      }
      s.busy = false;
      const historyOpen = s.history !== null;
      await this.open(p.id);
      if (historyOpen) await this.loadHistory(false);
      if (note) this.say(note);
    }

    undoChange(item) {
      this.act(() => this.call('POST', this.path(this.state.profile.id, '/history/' + encodeURIComponent(item.changeId) + '/undo')),
        json => ({kind: 'success', title: 'undo.done', params: {changes: this.changeText(json.change && json.change.changes)},
          source: 'history'}));
    }

    revertNow(r) {
      this.act(() => this.call('POST', this.path(this.state.profile.id, '/reverts/' + encodeURIComponent(r.id) + '/revert')),
        json => json.outcome === 'superseded' ? {kind: 'info', title: 'reverts.superseded', source: 'history'}
          : {kind: 'success', title: 'reverts.done', params: {changes: this.changeText((r.changes || []).map(c =>
            ({label: c.label, field: c.field, from: c.to, to: c.from})))}, source: 'history'});
    }

    cancelRevert(r) {
      this.act(() => this.call('DELETE', this.path(this.state.profile.id, '/reverts/' + encodeURIComponent(r.id))),
        () => ({kind: 'success', title: 'reverts.cancelled', source: 'history'}));
    }

    // ---- calls ----

    async call(method, path, body, signal) {
      const headers = {Accept: 'application/json', Authorization: 'Bearer ' + this.token()};
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response;
      try {
        response = await fetch(this.base() + path, {method, headers, mode: 'cors', credentials: 'omit',
          cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body), signal});
      } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new CallError(0, 'network', {}, null);
      }
      const text = await response.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch (e) {
        json = null;
      }
      if (response.ok) return json || {};
      const problem = json && typeof json === 'object' ? json : {};
      const kind = typeof problem.type === 'string' ? problem.type.split(':').pop() : '';
      throw new CallError(response.status, kind, problem, seconds(response.headers.get('Retry-After')));
    }

    /**
     * Says what went wrong and what to do, in the supervisor's terms: no admin pages, no jargon, each thing once.
     * @param context 'load', 'open' or 'save'
     */
    fail(error, context, retry) {
      if (error && error.name === 'AbortError') return;
      const s = this.state;
      if (!(error instanceof CallError)) {
        this.say({kind: 'error', title: 'err.other.title', detail: 'err.other.detail', params: {status: 0}, retry, source: context});
        return;
      }
      const status = error.status;
      const kind = error.kind;
      const params = {status};
      let key = 'other';
      let offerRetry = retry;
      if (status === 0) {
        key = 'network';
      } else if (status === 401) {
        s.authFailed = true;
        key = 'auth';
        offerRetry = null; // a new token from the Desktop retries by itself
      } else if (status === 403 && (kind === 'profile-type-not-allowed' || kind === 'not-a-contact-center-user'
          || kind === 'inactive-user' || kind === 'wrong-org')) {
        key = 'role';
        params.type = error.problem.profileType || kind;
        offerRetry = null;
        if (context === 'load') s.blocked = true; // nothing to show an agent but the reason
      } else if (status === 403) {
        key = 'forbidden';
        offerRetry = null;
      } else if (status === 409) {
        key = 'conflict';
        offerRetry = null;
      } else if (status === 429 || (status === 503 && error.retryAfter !== null && kind !== 'grant-unavailable')) {
        key = status === 429 && kind !== 'upstream-rate-limited' ? 'rate' : 'busy';
        const wait = error.retryAfter === null ? 30 : error.retryAfter;
        params.when = this.inSeconds(wait);
        this.holdSave(wait);
        offerRetry = context === 'save' ? null : retry;
      } else if (status === 503 && kind === 'grant-unavailable') {
        key = 'unavailable';
      } else if (status === 404) {
        key = 'notfound';
        offerRetry = null;
      } else if (status === 400 || status === 422) {
        key = 'invalid';
        offerRetry = null;
      } else if (status >= 500) {
        key = 'server';
      }
      const detail = ['err.' + key + '.detail'];
      if (context === 'save' && s.edits.size > 0 && status !== 409) detail.push('kept');
      this.say({kind: 'error', title: 'err.' + key + '.title', detail, params, retry: offerRetry, source: context});
    }

    /** After a 429 or a busy Webex: Save waits, and says for how long, counting down each second. */
    holdSave(n) {
      clearInterval(this.retryTimer);
      this.state.retryUntil = Date.now() + n * 1000;
      this.retryTimer = setInterval(() => {
        if (Date.now() >= this.state.retryUntil) {
          clearInterval(this.retryTimer);
          this.state.retryUntil = 0;
        }
        this.renderControls();
      }, 1000);
      this.renderControls();
    }

    onSearch() {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        this.state.search = this.search.value.trim();
        this.state.page = 0;
        this.state.active = 0;
        this.loadList();
      }, 250);
    }

    turn(delta) {
      this.state.page = Math.max(0, this.state.page + delta);
      this.state.active = 0;
      this.loadList();
    }

    async loadList() {
      if (!this.ready()) return;
      if (this.listAbort) this.listAbort.abort();
      this.listAbort = new AbortController();
      const seq = ++this.listSeq;
      const s = this.state;
      const query = new URLSearchParams({search: s.search, page: String(s.page)});
      this.list.setAttribute('aria-busy', 'true');
      try {
        const json = await this.call('GET', '/api/skill-profiles?' + query, undefined, this.listAbort.signal);
        if (seq !== this.listSeq) return;
        s.profiles = itemsOf(json).filter(p => p && p.id);
        s.page = Number.isInteger(json.page) ? json.page : s.page;
        s.hasNext = json.hasMore === true;
        s.blocked = false;
        this.loaded = true;
        this.clear('wait', 'load', 'setup');
      } catch (e) {
        if (seq === this.listSeq) this.fail(e, 'load', () => this.loadList());
      } finally {
        if (seq === this.listSeq) {
          this.list.removeAttribute('aria-busy');
          this.renderList();
        }
      }
    }

    /** A click or Enter on a profile: asks first when that would drop unsaved edits. */
    choose(profile) {
      const s = this.state;
      if (!profile || s.busy) return;
      if (s.profile && s.profile.id !== profile.id && (s.edits.size > 0 || s.invalid.size > 0)) {
        s.pending = profile;
        this.renderEditor(false);
        return;
      }
      this.open(profile.id);
    }

    async open(id) {
      const s = this.state;
      if (s.busy) return;
      s.busy = true;
      s.pending = null;
      this.search.disabled = true;
      this.renderList();
      this.renderControls();
      try {
        const profile = await this.call('GET', '/api/skill-profiles/' + encodeURIComponent(id));
        if (!s.profile || s.profile.id !== id) {
          s.history = null;
          s.keep = 'always';
        }
        s.profile = profile;
        s.reverts = [];
        await this.loadReverts(id);
        s.edits.clear();
        s.invalid.clear();
        this.clear('open', 'save', 'invalid', 'undo', 'load');
      } catch (e) {
        this.fail(e, 'open', () => this.open(id));
      } finally {
        s.busy = false;
        this.search.disabled = false;
        this.renderList();
        this.renderEditor(true);
      }
    }

    async save() {
      const s = this.state;
      if (s.busy || !s.profile || s.edits.size === 0 || s.invalid.size > 0 || s.retryUntil > Date.now()) return;
      const changes = [...s.edits].map(([skillId, value]) => ({skillId, proficiencyValue: value}));
      const skills = new Map((s.profile.activeSkills || []).map(k => [k.skillId, k]));
      const summary = changes.map(c => {
        const k = skills.get(c.skillId) || {};
        return (k.name || c.skillId) + ' ' + this.shown(skillValue(k)) + ' → ' + this.shown(c.proficiencyValue);
      }).join(', ');
      const until = this.untilChosen();
      if (until === undefined) return;
      this.say({kind: 'info', title: 'saving', source: 'save'});
      s.busy = true;
      this.search.disabled = true;
      this.renderList();
      this.renderEditor(false);
      try {
        const updated = await this.call('PATCH', '/api/skill-profiles/' + encodeURIComponent(s.profile.id),
          until ? {activeSkills: changes, until} : {activeSkills: changes});
        // the answer has the values, not who uses the profile: keep what the GET said
        s.profile = updated && updated.activeSkills ? Object.assign(updated, {usage: s.profile.usage}) : s.profile;
        s.edits.clear();
        const time = new Intl.DateTimeFormat(this.language(), {timeStyle: 'short'}).format(new Date());
        const detail = ['saved.detail'];
        const params = {time, changes: summary, name: s.profile.name || s.profile.id};
        if (until) {
          detail.push(updated && updated.revertAt ? 'saved.until' : 'saved.nothing');
          if (updated && updated.revertAt) params.when = this.when(updated.revertAt);
          await this.loadReverts(s.profile.id);
          s.keep = 'always';
        }
        if (s.history !== null) await this.loadHistory(false);
        this.say({kind: 'success', title: 'saved.title', detail, params, source: 'saved'});
      } catch (e) {
        this.fail(e, 'save', null);
      } finally {
        s.busy = false;
        this.search.disabled = false;
        this.renderList();
        this.renderEditor(false);
      }
    }
  }

  customElements.define(TAG, SkillEditorWidget);
})();
