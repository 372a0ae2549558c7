package org.skillbroker;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.skills.boundary.SkillProfilesResource;

import java.util.Map;
import java.util.Set;

/**
 * The JAX-RS application under {@code /api}. Resources find the broker's object graph through the servlet
 * context ({@link Broker#from}); nothing is scanned, so only these classes are exposed.
 */
@ApplicationPath("api")
public class SkillBrokerApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SkillProfilesResource.class, org.skillbroker.agents.boundary.AgentsResource.class,
                ProblemMapper.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                // no JAXB here, and the API describes itself in the README, not through WADL
                "jersey.config.server.wadl.disableWadl", true,
                // error statuses with our problem body, never handed to the container's error page
                "jersey.config.server.response.setStatusOverSendError", true,
                // Start-up work for nothing (issue 15: deploy in 2 s): every entity here is a String or an
                // InputStream, so Jersey need not look for features and providers in the jars (META-INF/services,
                // auto-discoverables), nor register its XML, image and DataSource providers, nor bean validation.
                "jersey.config.disableAutoDiscovery", true,
                "jersey.config.disableMetainfServicesLookup", true,
                "jersey.config.disableDefaultProvider", "DATASOURCE,RENDEREDIMAGE,SOURCE,STREAMSOURCE",
                "jersey.config.beanValidation.disable.server", true);
    }
}
