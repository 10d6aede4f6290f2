/**
 * Runs neutral events through the AWS Lambda adapter in Lambda's native JSON:
 *
 * <pre>{@code
 * CloudShape aws = new AwsShape(dispatcher);
 * HttpResponse response = aws.http(HttpRequest.get("/hello?name=Ada"));
 * }</pre>
 *
 * @since 0.1
 */
package dev.tern.testing.aws;
