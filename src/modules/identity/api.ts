import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { ApiError } from '../../platform/http/index.ts';
import { listDistricts, listOrganisations, organisationTypes } from './repo.ts';

const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code, 6 digits' });

const District = Type.Object({
  code: DistrictCode,
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.Union([Type.Literal('district'), Type.Literal('county')]),
});

const OrganisationType = Type.Union(organisationTypes.map((type) => Type.Literal(type)));

const Organisation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: OrganisationType,
  nameZh: Type.String(),
  nameEn: Type.String(),
  shortNameZh: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([DistrictCode, Type.Null()]),
});

export function identityApi(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/v1/districts',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Districts and counties the platform serves',
        description: '平台服务的区县及其行政区划代码',
        tags: ['directory'],
        response: {
          200: Type.Object(
            { items: Type.Array(District) },
            { description: 'The districts and counties, by code' },
          ),
          429: ApiError,
        },
      },
    },
    async () => ({ items: await listDistricts(db) }),
  );

  app.get(
    '/api/v1/organisations',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Organisations acting on the platform (federations, centres, suppliers, departments…)',
        description: '在平台上办理业务的单位：残联、辅具服务中心、企业、政府部门等',
        tags: ['directory'],
        querystring: Type.Object({
          type: Type.Optional({ ...OrganisationType, description: 'Only organisations of this type' }),
          district: Type.Optional(DistrictCode),
        }),
        response: {
          200: Type.Object(
            { items: Type.Array(Organisation) },
            { description: 'The organisations that match' },
          ),
          400: ApiError,
          429: ApiError,
        },
      },
    },
    async (request) => {
      const query = request.query as { type?: (typeof organisationTypes)[number]; district?: string };
      return { items: await listOrganisations(db, { type: query.type, districtCode: query.district }) };
    },
  );
}
