import type { FastifyInstance } from 'fastify';
import type { SignInPageDeps } from './signInPages.tsx';

export function accountPages(_app: FastifyInstance, _deps: SignInPageDeps): void {}
