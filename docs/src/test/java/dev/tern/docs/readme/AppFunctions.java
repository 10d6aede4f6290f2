package dev.tern.docs.readme;

import dev.tern.CreatesFunctions;
import dev.tern.spi.FunctionFactory;

// snippet: readme-factory
@CreatesFunctions
public final class AppFunctions implements FunctionFactory {
  private final AppComponent app = DaggerAppComponent.create();

  @Override
  public Object create(Class<?> type) throws Exception {
    return type == Orders.class ? app.orders() : FunctionFactory.reflective().create(type);
  }
}
// end snippet
