import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import type { LogLevel } from '../../config.ts';

/**
 * Field names that hold personal data or secrets. Whatever object a log line
 * carries, these are replaced before the line is written (SECURITY.md 22).
 */
export const personalFields = [
  'password',
  'newPassword',
  'token',
  'otp',
  'oneTimeCode',
  'idNumber',
  'certificateNumber',
  'phone',
  'name',
  'address',
  'guardianName',
  'birthDate',
] as const;

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...personalFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/**
 * Error messages can quote the data that caused them (a constraint violation
 * shows the value). Anything shaped like a resident ID or a mobile number is
 * blanked out of messages and stacks before they are written.
 */
const idLike = /\b\d{17}[\dXx]\b|\b\d{15}\b/g;
const phoneLike = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
export const scrubPersonalData = (text: string): string =>
  text.replace(idLike, '[id redacted]').replace(phoneLike, '[phone redacted]');

function scrubError(error: Error) {
  const serialised = stdSerializers.err(error);
  return {
    ...serialised,
    message: scrubPersonalData(serialised.message),
    stack: scrubPersonalData(serialised.stack),
  };
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

export function loggerOptions(
  level: LogLevel,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        err: scrubError,
        // The query string can carry what a person searched for or typed: log the path only.
        // The client address is personal data too; the audit trail keeps it where it is needed.
        req: (request: { method: string; url: string; id: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
      },
    },
    requestIdHeader: false,
    // A caller's X-Request-Id is kept when well formed, so a request can be followed across systems.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  };
}
