import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';

export function analyticsPages(_app: FastifyInstance, _deps: ModuleDeps): void {}
