import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attributeDefinition } from '../domain/attributes.ts';
import type { ProductDetails, ProductDocument } from '../domain/product.ts';
import { formatIsoCode } from './validate.ts';
import { csvChunks } from './write.ts';

/**
 * One product as open data, in the fields of an EASTIN product record (the
 * European assistive-technology information network), so aggregators that
 * read EASTIN partners' data can read ours. Field names follow EASTIN's;
 * a field EASTIN gives in the original language carries that text (Chinese),
 * with the English alongside in an …En field.
 */
export interface EastinRecord {
  readonly id: string;
  readonly commercialName: string;
  readonly commercialNameEn: string;
  readonly model: string;
  /** ISO 9999 division as the standard prints it: "12 22 03". */
  readonly isoCode: string;
  readonly isoVersion: string;
  /** Dates as YYYY-MM-DD in China Standard Time. */
  readonly insertDate: string;
  readonly lastUpdate: string;
  readonly manufacturer: {
    readonly name: string;
    readonly nameEn: string;
    readonly address: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    readonly website: string | null;
  };
  readonly description: string;
  /** The language of `description` and `commercialName`. */
  readonly originalLanguage: 'zh';
  readonly descriptionEn: string;
  readonly images: readonly { readonly url: string; readonly altText: string; readonly altTextEn: string }[];
  readonly documents: readonly {
    readonly url: string;
    readonly kind: ProductDocument['kind'];
    readonly title: string;
    readonly titleEn: string;
  }[];
  readonly technicalFeatures: readonly {
    readonly id: string;
    readonly name: string;
    readonly nameEn: string;
    readonly value: number | string;
    readonly unit: string | null;
  }[];
  readonly sourceDatabase: 'Fuju Xi’an';
  readonly sourceUrl: string;
  readonly country: 'CN';
  readonly priceFen: number;
  readonly currency: 'CNY';
  readonly registrationNumber: string | null;
  readonly certifications: readonly string[];
}

export interface EastinSource {
  readonly id: string;
  readonly details: ProductDetails;
  readonly supplier: {
    readonly nameZh: string;
    readonly nameEn: string;
    readonly address?: string | null;
    readonly phone?: string | null;
    readonly email?: string | null;
    readonly website?: string | null;
  };
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly isoVersion: string;
  readonly sourceUrl: string;
}

// en-CA formats a date as YYYY-MM-DD; the zone is the city's, so a product published
// at 07:00 on 1 May in Xi'an is not dated 30 April.
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function eastinRecord(p: EastinSource): EastinRecord {
  const { details, supplier } = p;
  return {
    id: p.id,
    commercialName: details.nameZh,
    commercialNameEn: details.nameEn,
    model: details.model,
    isoCode: formatIsoCode(details.isoCode),
    isoVersion: p.isoVersion,
    insertDate: dateFormat.format(p.publishedAt),
    lastUpdate: dateFormat.format(p.updatedAt),
    manufacturer: {
      name: supplier.nameZh,
      nameEn: supplier.nameEn,
      address: supplier.address ?? null,
      phone: supplier.phone ?? null,
      email: supplier.email ?? null,
      website: supplier.website ?? null,
    },
    description: details.descriptionZh,
    originalLanguage: 'zh',
    descriptionEn: details.descriptionEn,
    images: details.images.map((image) => ({ url: image.url, altText: image.altZh, altTextEn: image.altEn })),
    documents: details.documents.map((document) => ({
      url: document.url,
      kind: document.kind,
      title: document.titleZh,
      titleEn: document.titleEn,
    })),
    technicalFeatures: Object.entries(details.attributes).map(([id, value]) => {
      // An attribute retired from the list still has its value: it is published under its id.
      const definition = attributeDefinition(id);
      return {
        id,
        name: definition?.zh ?? id,
        nameEn: definition?.en ?? id,
        value,
        unit: definition?.unit ?? null,
      };
    }),
    sourceDatabase: 'Fuju Xi’an',
    sourceUrl: p.sourceUrl,
    country: 'CN',
    priceFen: details.priceFen,
    currency: 'CNY',
    registrationNumber: details.registrationNumber,
    certifications: details.certifications,
  };
}

type Records = AsyncIterable<EastinRecord> | Iterable<EastinRecord>;

/** The flat CSV form: one record a line, nested lists joined with " | ". */
const csvColumns: readonly [string, (r: EastinRecord) => string][] = [
  ['id', (r) => r.id],
  ['commercialName', (r) => r.commercialName],
  ['commercialNameEn', (r) => r.commercialNameEn],
  ['model', (r) => r.model],
  ['isoCode', (r) => r.isoCode],
  ['isoVersion', (r) => r.isoVersion],
  ['insertDate', (r) => r.insertDate],
  ['lastUpdate', (r) => r.lastUpdate],
  ['manufacturerName', (r) => r.manufacturer.name],
  ['manufacturerNameEn', (r) => r.manufacturer.nameEn],
  ['manufacturerAddress', (r) => r.manufacturer.address ?? ''],
  ['manufacturerPhone', (r) => r.manufacturer.phone ?? ''],
  ['manufacturerEmail', (r) => r.manufacturer.email ?? ''],
  ['manufacturerWebsite', (r) => r.manufacturer.website ?? ''],
  ['originalLanguage', (r) => r.originalLanguage],
  ['description', (r) => r.description],
  ['descriptionEn', (r) => r.descriptionEn],
  ['images', (r) => r.images.map((image) => image.url).join(' | ')],
  ['documents', (r) => r.documents.map((document) => document.url).join(' | ')],
  [
    'technicalFeatures',
    (r) =>
      r.technicalFeatures
        .map((feature) => `${feature.nameEn}: ${feature.value}${feature.unit ? ` ${feature.unit}` : ''}`)
        .join(' | '),
  ],
  ['sourceDatabase', (r) => r.sourceDatabase],
  ['sourceUrl', (r) => r.sourceUrl],
  ['country', (r) => r.country],
  ['priceFen', (r) => String(r.priceFen)],
  ['currency', (r) => r.currency],
  ['registrationNumber', (r) => r.registrationNumber ?? ''],
  ['certifications', (r) => r.certifications.join(' | ')],
];

/** Writes records as a UTF-8 CSV with a BOM, streamed. Ends `output`; resolves when everything is written. */
export async function writeEastinCsv(output: NodeJS.WritableStream, records: Records): Promise<void> {
  await pipeline(
    Readable.from(
      csvChunks(
        csvColumns.map(([name]) => name),
        records,
        (record) => csvColumns.map(([, field]) => field(record)),
      ),
    ),
    output,
  );
}

/**
 * The records as one JSON array, produced record by record: the open-data
 * endpoint serves the whole catalogue without holding it in memory.
 */
export function eastinJsonStream(records: Records): Readable {
  return Readable.from(jsonArray(records), { objectMode: false });
}

async function* jsonArray(records: Records): AsyncGenerator<string> {
  let first = true;
  for await (const record of records) {
    yield `${first ? '[\n' : ',\n'}${JSON.stringify(record)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}
