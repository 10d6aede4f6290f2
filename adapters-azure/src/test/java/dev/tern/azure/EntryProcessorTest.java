package dev.tern.azure;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.tern.azure.internal.EntryProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class EntryProcessorTest {
  private static Compilation compile(String options, String name, String source) {
    var compiler = javac().withProcessors(new EntryProcessor());
    if (!options.isEmpty()) {
      compiler = compiler.withOptions((Object[]) options.split(" "));
    }
    return compiler.compile(JavaFileObjects.forSourceString(name, source));
  }

  private static JavaFileObject expected(String name) {
    return JavaFileObjects.forResource("azure/processor/" + name + ".java");
  }

  @Test
  void generatesAQueueStorageEntryWithItsMetadata() {
    Compilation compilation =
        compile(
            "",
            "shop.Orders",
            """
        package shop;
        import dev.tern.*;
        @OnQueue("${ORDERS_QUEUE}")
        public final class Orders implements QueueFunction {
          public void handle(Message message, Context context) {}
        }
        """);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.OrdersAzureEntry")
        .hasSourceEquivalentTo(expected("OrdersAzureEntry"));
  }

  @Test
  void generatesAnHttpEntryWithAzureRouteSyntax() {
    Compilation compilation =
        compile(
            "",
            "web.Files",
            """
        package web;
        import dev.tern.*;
        @OnHttp(route = "/files/{id}/{path+}", methods = {"GET", "PUT"}, name = "files")
        public final class Files implements HttpFunction {
          public HttpResponse handle(HttpRequest request, Context context) { return HttpResponse.ok(); }
        }
        """);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("web.FilesAzureEntry")
        .hasSourceEquivalentTo(expected("FilesAzureEntry"));
  }

  @Test
  void translatesPortableCronToNcrontab() {
    Compilation compilation =
        compile(
            "",
            "ops.Report",
            """
        package ops;
        import dev.tern.*;
        @OnSchedule(cron = "*/15 9-17 * * MON-FRI")
        public final class Report implements ScheduleFunction {
          public void handle(Tick tick, Context context) {}
        }
        """);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("ops.ReportAzureEntry")
        .contentsAsUtf8String()
        .contains(
            "@TimerTrigger(name = \"timer\", schedule = \"0 */15 9-17 * * 1-5\") String timer");
  }

  @Test
  void bindsServiceBusTopicsAndBlobTriggersWhenAsked() {
    Compilation compilation =
        compile(
            "-Atern.azure.bindings=Audit=servicebus-topic:${AUDIT_SUB},Images=blob "
                + "-Atern.azure.serviceBusConnection=Bus -Atern.azure.storageConnection=Media",
            "app.Audit",
            """
        package app;
        import dev.tern.*;
        @OnQueue("audit")
        public final class Audit implements QueueFunction {
          public void handle(Message message, Context context) {}
          @OnStorage(bucket = "images", name = "Images")
          public static final class Images implements StorageFunction {
            public void handle(ObjectEvent event, Context context) {}
          }
        }
        """);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("app.AuditAzureEntry")
        .contentsAsUtf8String()
        .contains(
            "@ServiceBusTopicTrigger(name = \"message\", topicName = \"audit\", subscriptionName = "
                + "\"%AUDIT_SUB%\", connection = \"Bus\", dataType = \"binary\") byte[] message");
    assertThat(compilation)
        .generatedSourceFile("app.Audit_ImagesAzureEntry")
        .contentsAsUtf8String()
        .contains(
            "@BlobTrigger(name = \"content\", path = \"images/{name}\", connection = \"Media\", "
                + "dataType = \"binary\") byte[] content");
    assertThat(compilation)
        .generatedSourceFile("app.Audit_ImagesAzureEntry")
        .contentsAsUtf8String()
        .contains("@BindingName(\"BlobTrigger\") String blobPath");
  }

  @Test
  void refusesAStorageKindAzureDoesNotEmit() {
    Compilation compilation =
        compile(
            "",
            "app.Archive",
            """
        package app;
        import dev.tern.*;
        @OnStorage(bucket = "records", kinds = ObjectEvent.Kind.ARCHIVED)
        public final class Archive implements StorageFunction {
          public void handle(ObjectEvent event, Context context) {}
        }
        """);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "Archive wants [ARCHIVED] events, which Azure Blob Storage " + "does not emit as such");
  }

  @Test
  void refusesDeletionsOnTheBlobTrigger() {
    Compilation compilation =
        compile(
            "-Atern.azure.bindings=Gone=blob",
            "app.Gone",
            """
        package app;
        import dev.tern.*;
        @OnStorage(bucket = "records", kinds = ObjectEvent.Kind.DELETED)
        public final class Gone implements StorageFunction {
          public void handle(ObjectEvent event, Context context) {}
        }
        """);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("blob trigger fires only for created or overwritten blobs");
    assertThat(compilation).hadErrorContaining("Gone=eventgrid");
  }

  @Test
  void refusesQueueNamesAzureStorageRejects() {
    Compilation compilation =
        compile(
            "",
            "app.Big",
            """
        package app;
        import dev.tern.*;
        @OnQueue("Orders_Queue")
        public final class Big implements QueueFunction {
          public void handle(Message message, Context context) {}
        }
        """);

    assertThat(compilation)
        .hadErrorContaining("names the queue \"Orders_Queue\", which Azure Storage rejects");
  }

  @Test
  void refusesHttpMethodsTheTriggerCannotRoute() {
    Compilation compilation =
        compile(
            "",
            "app.Purge",
            """
        package app;
        import dev.tern.*;
        @OnHttp(route = "/cache", methods = "PURGE")
        public final class Purge implements HttpFunction {
          public HttpResponse handle(HttpRequest request, Context context) { return HttpResponse.ok(); }
        }
        """);

    assertThat(compilation)
        .hadErrorContaining("serves method PURGE, which Azure's HTTP trigger cannot route");
  }

  @Test
  void refusesAuthMomentsAzureDoesNotCallOutFor() {
    Compilation compilation =
        compile(
            "",
            "app.Welcome",
            """
        package app;
        import dev.tern.*;
        @OnAuth(AuthMoment.AFTER_SIGN_UP)
        public final class Welcome implements AuthFunction {
          public AuthDecision handle(AuthEvent event, Context context) { return AuthDecision.allow(); }
        }
        """);

    assertThat(compilation).hadErrorContaining("takes part in [AFTER_SIGN_UP]");
  }

  @Test
  void refusesABindingChoiceForAnUnknownFunctionOrOfTheWrongKind() {
    String source =
        """
        package app;
        import dev.tern.*;
        @OnQueue("jobs")
        public final class Jobs implements QueueFunction {
          public void handle(Message message, Context context) {}
        }
        """;
    assertThat(compile("-Atern.azure.bindings=Jbos=servicebus-queue", "app.Jobs", source))
        .hadErrorContaining(
            "names Jbos, which is not a function of this compilation; declared: Jobs");
    assertThat(compile("-Atern.azure.bindings=Jobs=binary", "app.Jobs", source))
        .hadErrorContaining("its binding choice is queue, servicebus-queue or servicebus-topic");
  }

  @Test
  void refusesTheRootRoute() {
    Compilation compilation =
        compile(
            "",
            "app.Home",
            """
        package app;
        import dev.tern.*;
        @OnHttp(route = "/")
        public final class Home implements HttpFunction {
          public HttpResponse handle(HttpRequest request, Context context) { return HttpResponse.ok(); }
        }
        """);

    assertThat(compilation)
        .hadErrorContaining("is routed at /, which an Azure HTTP trigger cannot serve");
  }
}
