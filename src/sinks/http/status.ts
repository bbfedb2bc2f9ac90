import { type AuditRelayError, retryable } from '../../core/errors.js';
import type { HttpResponse } from './client.js';
import { RefusedRequest } from './requests.js';

/**
 * What a whole-request HTTP status means, the same for every HTTP sink (the rule of Vector's
 * and Fluent Bit's HTTP outputs, with one difference: a status that names a configuration
 * problem is retried, so nothing is thrown away while an administrator fixes a token or URL):
 * - 2xx: taken;
 * - 408, 429, 5xx: not now: try again after a backoff (Retry-After is not needed: the backoff grows);
 * - 400, 413, 422: the content is refused: halve the request, refuse a single item for good;
 * - any other status (401, 403, 404, 3xx…): configuration; retried, and logged.
 */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function refusesContent(status: number): boolean {
  return status === 400 || status === 413 || status === 422;
}

/** A short form of the response body for logs (receivers put their reason there). */
export function bodyText(response: HttpResponse): string {
  const text = response.text.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The error (or refusal) for a whole-request status that is not a success. */
export function statusError(response: HttpResponse, description: string): AuditRelayError | RefusedRequest {
  const what = `${description} answered HTTP ${response.status}${bodyText(response) ? `: ${bodyText(response)}` : ''}`;
  if (refusesContent(response.status)) return new RefusedRequest(what);
  if (isTransient(response.status)) return retryable('AR_SINK_HTTP', what);
  return retryable('AR_SINK_HTTP', `${what} (check the sink's url and credentials)`);
}
