import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../../src/config.ts';
import { localeFromAcceptLanguage, locales } from '../../src/platform/i18n/index.ts';
import {
  contrasts,
  motions,
  parsePreferences,
  readingModes,
  textSizes,
} from '../../src/platform/ui/preferences.ts';
import { formSession, type TestApp, testApp } from '../support/app.ts';

/**
 * SECURITY.md 10: whatever arrives, the answer is a clear refusal or a normal
 * page, never a server error. Each property runs `runs` generated cases.
 */
const runs = 200;
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ kind: 'empty', env: { FUJU_RATE_LIMIT: '1000000', LOG_LEVEL: 'silent' } });
});
afterAll(() => t.close());

describe('input properties', () => {
  it('display preferences from any cookie are always valid choices', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (cookie) => {
        const prefs = parsePreferences(cookie);
        return (
          textSizes.includes(prefs.textSize) &&
          contrasts.includes(prefs.contrast) &&
          motions.includes(prefs.motion) &&
          readingModes.includes(prefs.reading)
        );
      }),
      { numRuns: runs },
    );
  });

  it('any Accept-Language header gives a supported language or none', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        const locale = localeFromAcceptLanguage(header);
        return locale === undefined || locales.includes(locale);
      }),
      { numRuns: runs },
    );
  });

  it('any configuration value is accepted or refused with a ConfigError, never another failure', () => {
    fc.assert(
      fc.property(fc.constantFrom(...configVariables), fc.string({ maxLength: 80 }), (name, value) => {
        try {
          loadConfig({ [name]: value });
          return true;
        } catch (error) {
          return error instanceof ConfigError && error.message.startsWith(name);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('HTTP properties', () => {
  const paths = [
    '/',
    '/accessibility',
    '/preferences',
    '/api/docs',
    '/api/v1/districts',
    '/api/v1/organisations',
  ];

  it('pages and API answer any query string, language cookie or header without a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
          maxKeys: 4,
        }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 60 }),
        async (path, query, langCookie, acceptLanguage) => {
          const response = await t.app.inject({
            url: path,
            query,
            cookies: { fuju_lang: langCookie, fuju_display: langCookie },
            headers: { 'accept-language': acceptLanguage },
          });
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: runs },
    );
  });

  it('the preferences form answers any body with a redirect or a refusal, never a server error', async () => {
    const { token, cookie } = await formSession(t.app, '/preferences');
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('textSize', 'contrast', 'motion', 'reading', 'returnTo', 'extra'),
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom('large', 'high', 'reduced', 'easy', 'standard', '/'),
          ),
        ),
        async (fields) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/preferences',
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
          });
          expect([303, 400]).toContain(response.statusCode);
        },
      ),
      { numRuns: runs },
    );
  });
});
