package web;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.tern.azure.AzureAdapter;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

@Generated("dev.tern.azure.internal.EntryProcessor")
public final class FilesAzureEntry {
  private final AzureAdapter adapter;

  public FilesAzureEntry() {
    this(AzureAdapter.shared());
  }

  public FilesAzureEntry(AzureAdapter adapter) {
    this.adapter = Objects.requireNonNull(adapter, "adapter == null");
  }

  @FunctionName("files")
  public HttpResponseMessage run(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT}, route = "files/{id}/{*path}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      ExecutionContext context) {
    return adapter.http(request, context, "files");
  }
}
