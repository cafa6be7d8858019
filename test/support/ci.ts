/**
 * The suite's one rule about missing services: with `CI=true` a test that needs PostgreSQL, RabbitMQ or
 * the S3 server fails when the service is unreachable; elsewhere it may skip, saying why.
 */
export function mustNotSkip(): boolean {
  return process.env.CI === 'true';
}
