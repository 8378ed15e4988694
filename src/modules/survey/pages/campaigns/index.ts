import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';

export function campaignsPages(_app: FastifyInstance, _deps: ModuleDeps): void {}
