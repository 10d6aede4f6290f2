/**
 * Runs Tern functions on AWS Lambda: name {@link dev.tern.aws.AwsHandler} as the handler.
 *
 * <pre>
 * Handler: dev.tern.aws.AwsHandler
 * Runtime: java17 (or java21)
 * Environment: TERN_FUNCTION=Hello (optional), TERN_AWS_BATCH_ITEM_FAILURES=true (with
 *              FunctionResponseTypes: [ReportBatchItemFailures])
 * </pre>
 *
 * @since 0.1
 */
package dev.tern.aws;
