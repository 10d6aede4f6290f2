package dev.tern.docs.porting.gcf.before;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;

// snippet: porting-gcf-before
public class Hello implements com.google.cloud.functions.HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    String name = request.getFirstQueryParameter("name").orElse("world");
    response.setContentType("application/json");
    response.getWriter().write("{\"greeting\":\"Hello, " + name + "!\"}");
  }
}
// end snippet
