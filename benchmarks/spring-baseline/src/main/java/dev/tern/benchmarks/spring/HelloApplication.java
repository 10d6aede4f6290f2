package dev.tern.benchmarks.spring;

import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The hello function written the way Spring Cloud Function's AWS guide shows: one
 * {@code Function} bean, invoked through {@code FunctionInvoker}. Given the API Gateway event for
 * {@code GET /hello?name=Ada} it answers {@code {"greeting":"Hello, Ada!"}}.
 */
@SpringBootApplication
public class HelloApplication {
  @Bean
  public Function<Map<String, Object>, Map<String, Object>> hello() {
    return event -> {
      Object query = event.get("queryStringParameters");
      Object name = query instanceof Map ? ((Map<?, ?>) query).get("name") : null;
      String who = name instanceof String && !((String) name).isBlank() ? (String) name : "world";
      return Map.of("greeting", "Hello, " + who + "!");
    };
  }
}
