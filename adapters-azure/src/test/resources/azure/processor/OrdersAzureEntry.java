package shop;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import dev.tern.azure.AzureAdapter;
import java.util.Objects;
import javax.annotation.processing.Generated;

@Generated("dev.tern.azure.internal.EntryProcessor")
public final class OrdersAzureEntry {
  private final AzureAdapter adapter;

  public OrdersAzureEntry() {
    this(AzureAdapter.shared());
  }

  public OrdersAzureEntry(AzureAdapter adapter) {
    this.adapter = Objects.requireNonNull(adapter, "adapter == null");
  }

  @FunctionName("Orders")
  public void run(
      @QueueTrigger(name = "message", queueName = "%ORDERS_QUEUE%", connection = "AzureWebJobsStorage", dataType = "binary") byte[] message,
      @BindingName("Id") String id,
      @BindingName("DequeueCount") String dequeueCount,
      @BindingName("InsertionTime") String insertionTime,
      ExecutionContext context) {
    adapter.storageQueue(message, id, dequeueCount, insertionTime, context, "Orders");
  }
}
