package org.lbpcdshooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LbpCdsHooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(LbpCdsHooksApplication.class, args);
    }
}
