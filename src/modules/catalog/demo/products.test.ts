import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { disabilityCategories } from '../../../platform/ids/index.ts';
import { attributeDefinition, attributeDefinitions, attributesFor } from '../domain/attributes.ts';
import { functionAreas } from '../domain/product.ts';
import { type DemoProduct, demoProducts, demoSupplierNames, syntheticProducts } from './products.ts';

interface ClassificationFile {
  versions: { id: string; titleZh: string; titleEn: string; source: string; inForceFrom: string }[];
  nodes: {
    version: string;
    code: string;
    titleZh: string;
    titleEn: string;
    source: string;
    verified: boolean;
    apl: boolean;
  }[];
  crosswalk: {
    fromVersion: string;
    fromCode: string;
    toVersion: string;
    toCode: string;
    relation: string;
    verified: boolean;
    note: string;
  }[];
}

interface OrganisationFile {
  organisations: { type: string; nameZh: string; nameEn: string }[];
}

const seed = new URL('../../../../seed/xian/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, seed), 'utf8')) as T;
const classification = readJson<ClassificationFile>('catalog/classification.json');
const organisations = readJson<OrganisationFile>('demo-organisations.json').organisations;

const classes = ['04', '05', '06', '09', '12', '15', '18', '22', '24', '27', '28', '30'];
/** DOMAIN.md, "Classification of assistive products": the codes seen in sources. */
const seenInSources = ['120312', '122203', '122306', '093303', '091203', '123603', '093004'];

const codesIn = (version: string): Set<string> =>
  new Set(classification.nodes.filter((n) => n.version === version).map((n) => n.code));

/** Every problem with one product, as readable strings (empty when valid). */
function problemsOf(product: DemoProduct, allKeys: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const { details: d, key } = product;
  const say = (text: string) => problems.push(`${key}: ${text}`);
  if (!/^\d{6}$/.test(d.isoCode)) say(`ISO code ${d.isoCode} is not a 6-digit division`);
  for (const version of classification.versions) {
    if (!codesIn(version.id).has(d.isoCode)) say(`ISO code ${d.isoCode} missing from ${version.id}`);
  }
  for (const text of [d.nameZh, d.nameEn, d.model, d.descriptionZh, d.descriptionEn]) {
    if (text.trim() === '') say('empty name, model or description');
  }
  if (!/\p{Script=Han}/u.test(d.nameZh)) say(`Chinese name without Chinese: ${d.nameZh}`);
  if (/\p{Script=Han}/u.test(d.nameEn)) say(`English name with Chinese: ${d.nameEn}`);
  if (!Number.isInteger(d.priceFen) || d.priceFen <= 0) say(`price ${d.priceFen} is not a positive integer`);
  const allowed = new Set(attributesFor(d.isoCode).map((a) => a.id));
  for (const [id, value] of Object.entries(d.attributes)) {
    const definition = attributeDefinition(id);
    if (definition === undefined || !allowed.has(id)) {
      say(`attribute ${id} not defined for ${d.isoCode}`);
      continue;
    }
    if (definition.kind === 'text') {
      if (typeof value !== 'string' || value === '') say(`attribute ${id} should be text`);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      say(`attribute ${id} should be a number`);
      continue;
    }
    if (definition.min !== undefined && value < definition.min) say(`${id} ${value} < ${definition.min}`);
    if (definition.max !== undefined && value > definition.max) say(`${id} ${value} > ${definition.max}`);
  }
  for (const [low, high] of [
    ['minHeight', 'maxHeight'],
    ['userHeightMin', 'userHeightMax'],
  ] as const) {
    const a = d.attributes[low];
    const b = d.attributes[high];
    if (typeof a === 'number' && typeof b === 'number' && a > b) say(`${low} ${a} > ${high} ${b}`);
  }
  if (d.functionAreas.length === 0) say('no function area');
  for (const area of d.functionAreas) {
    if (!(functionAreas as readonly string[]).includes(area)) say(`unknown function area ${area}`);
  }
  if (d.disabilityCategories.length === 0) say('no disability category');
  for (const category of d.disabilityCategories) {
    if (!(disabilityCategories as readonly string[]).includes(category)) say(`unknown category ${category}`);
  }
  if (
    d.registrationNumber !== null &&
    !/^(陕西安械备\d{8}号|陕械注准\d{11}|国械注准\d{11})$/.test(d.registrationNumber)
  ) {
    say(`registration number ${d.registrationNumber} has an unexpected shape`);
  }
  if (d.images.length !== 0 || d.documents.length !== 0) say('demo products carry no images or documents');
  if (product.replacesKey !== undefined) {
    if (!allKeys.has(product.replacesKey)) say(`replaces unknown ${product.replacesKey}`);
    if (product.replacesKey === key) say('replaces itself');
  }
  return problems;
}

const suppliers = new Set(organisations.filter((o) => o.type === 'supplier').map((o) => o.nameZh));
const classOf = (product: DemoProduct) => product.details.isoCode.slice(0, 2);

describe('demo products', () => {
  const products = demoProducts();
  const keys = new Set(products.map((p) => p.key));

  it('has at least 300 products with unique keys', () => {
    expect(products.length).toBeGreaterThanOrEqual(300);
    expect(keys.size).toBe(products.length);
  });

  it('has at least 8 products in every one of the 12 classes, most in mobility and communication', () => {
    const perClass = new Map(classes.map((c) => [c, products.filter((p) => classOf(p) === c).length]));
    for (const [code, count] of perClass) expect(count, `class ${code}`).toBeGreaterThanOrEqual(8);
    expect([...perClass.keys()].sort()).toEqual(classes);
    for (const large of ['04', '06', '09', '12', '22']) {
      expect(perClass.get(large), `class ${large}`).toBeGreaterThanOrEqual(30);
    }
    expect(products.every((p) => classes.includes(classOf(p)))).toBe(true);
  });

  it('every product is valid: ISO division in both versions, attributes, price, areas, names', () => {
    expect(products.flatMap((p) => problemsOf(p, keys))).toEqual([]);
  });

  it('every supplier is a demo supplier in demo-organisations.json', () => {
    for (const name of Object.values(demoSupplierNames)) expect(suppliers).toContain(name);
    const used = new Set(products.map((p) => p.supplierNameZh));
    expect([...used].filter((name) => !suppliers.has(name))).toEqual([]);
    expect(used.size).toBe(6);
  });

  it('keeps product lineage: later generations replace earlier ones of the same kind', () => {
    const byKey = new Map(products.map((p) => [p.key, p]));
    const successors = products.filter((p) => p.replacesKey !== undefined);
    expect(successors.length).toBeGreaterThanOrEqual(6);
    for (const product of successors) {
      const earlier = byKey.get(product.replacesKey ?? '');
      expect(earlier?.details.isoCode).toBe(product.details.isoCode);
      expect(earlier?.supplierNameZh).toBe(product.supplierNameZh);
    }
    const codes = new Set(successors.map((p) => p.details.isoCode.slice(0, 2)));
    expect(codes).toContain('06');
    expect(successors.some((p) => p.details.nameZh.includes('外骨骼'))).toBe(true);
    expect(successors.some((p) => p.details.nameZh.includes('助听器'))).toBe(true);
  });

  it('marks about 40 % as in the subsidy catalog', () => {
    const share = products.filter((p) => p.inSubsidyCatalog === true).length / products.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
  });

  it('uses the words residents search for', () => {
    const names = products.map((p) => `${p.details.nameZh} ${p.details.descriptionZh}`).join('\n');
    for (const word of [
      '轮椅',
      '电动轮椅',
      '助听器',
      '耳背机',
      '拐杖',
      '手杖',
      '盲杖',
      '助行器',
      '放大镜',
      '助视器',
      '坐便椅',
      '洗澡椅',
      '护理床',
      '假肢',
      '矫形器',
      '外骨骼',
      '盲文点显器',
      '读屏软件',
      '防褥疮坐垫',
    ]) {
      expect(names, word).toContain(word);
    }
  });

  it('is deterministic', () => {
    expect(demoProducts()).toEqual(products);
  });
});

describe('synthetic products', () => {
  const products = syntheticProducts(1000);
  const keys = new Set(products.map((p) => p.key));

  it('is deterministic for a seed and differs between seeds', () => {
    expect(syntheticProducts(1000)).toEqual(products);
    expect(syntheticProducts(50, 7)).toEqual(syntheticProducts(50, 7));
    expect(syntheticProducts(50, 7)).not.toEqual(syntheticProducts(50, 8));
  });

  it('is valid, with unique keys and known suppliers', () => {
    expect(keys.size).toBe(1000);
    expect(products.flatMap((p) => problemsOf(p, keys))).toEqual([]);
    expect(products.filter((p) => !suppliers.has(p.supplierNameZh))).toEqual([]);
  });

  it('spans every class with many distinct names', () => {
    expect(new Set(products.map(classOf)).size).toBe(12);
    expect(new Set(products.map((p) => p.details.nameZh)).size).toBeGreaterThan(950);
  });
});

describe('classification.json', () => {
  const versions = classification.versions.map((v) => v.id);

  it('has the two GB/T 16432 versions', () => {
    expect(versions).toEqual(['GB/T 16432-2016', 'GB/T 16432-2025']);
    expect(classification.versions[1]?.inForceFrom).toBe('2025-06-30');
    for (const version of classification.versions) {
      expect(version.inForceFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(version.titleZh && version.titleEn && version.source).toBeTruthy();
    }
  });

  it('is well formed: codes of 2, 4 or 6 digits, unique per version, each with its parent', () => {
    for (const version of versions) {
      const nodes = classification.nodes.filter((n) => n.version === version);
      const codes = codesIn(version);
      expect(codes.size).toBe(nodes.length);
      expect(
        nodes
          .filter((n) => n.code.length === 2)
          .map((n) => n.code)
          .sort(),
      ).toEqual(classes);
      for (const node of nodes) {
        expect(node.code).toMatch(/^(\d{2}|\d{4}|\d{6})$/);
        expect(node.titleZh.trim() && node.titleEn.trim() && node.source.trim()).toBeTruthy();
        if (node.code.length > 2)
          expect(codes.has(node.code.slice(0, node.code.length - 2)), node.code).toBe(true);
      }
    }
    expect(versions.flatMap((v) => classification.nodes.filter((n) => n.version === v)).length).toBe(
      classification.nodes.length,
    );
  });

  it('marks as verified only codes seen in sources, and only for the 2016 edition', () => {
    const verified = classification.nodes.filter((n) => n.verified);
    expect(verified.every((n) => seenInSources.includes(n.code) && n.version === 'GB/T 16432-2016')).toBe(
      true,
    );
    expect(verified.map((n) => n.code).sort()).toEqual([...seenInSources].sort());
    for (const node of classification.nodes.filter((n) => !n.verified)) {
      expect(node.source, node.code).toMatch(/checked/);
    }
  });

  it('has a crosswalk entry for every 2016 code that points at existing codes, unverified', () => {
    const from = codesIn('GB/T 16432-2016');
    expect(classification.crosswalk.map((c) => c.fromCode).sort()).toEqual([...from].sort());
    for (const entry of classification.crosswalk) {
      expect(versions).toContain(entry.fromVersion);
      expect(versions).toContain(entry.toVersion);
      expect(codesIn(entry.fromVersion).has(entry.fromCode), entry.fromCode).toBe(true);
      expect(codesIn(entry.toVersion).has(entry.toCode), entry.toCode).toBe(true);
      expect(['same', 'split', 'merged', 'moved']).toContain(entry.relation);
      expect(entry.verified).toBe(false);
      expect(entry.note).toMatch(/checked/);
    }
  });

  it('marks WHO APL items', () => {
    const apl = new Set(classification.nodes.filter((n) => n.apl).map((n) => n.code));
    for (const code of ['122203', '120312', '220615', '123903', '043303', '091203', '223905', '223912']) {
      expect(apl, code).toContain(code);
    }
  });
});

describe('attributes', () => {
  it('has unique ids with units and sane ranges', () => {
    const ids = attributeDefinitions.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of attributeDefinitions) {
      if (a.kind === 'number') {
        expect(a.min, a.id).toBeDefined();
        expect(a.max, a.id).toBeDefined();
        expect(a.min ?? 0, a.id).toBeLessThan(a.max ?? 0);
      } else {
        expect(a.unit, a.id).toBeNull();
      }
    }
  });

  it('looks attributes up by subclass, then class', () => {
    expect(attributesFor('122203').map((a) => a.id)).toContain('seatWidth');
    expect(attributesFor('220615').map((a) => a.unit)).toContain('dB SPL');
    expect(attributesFor('129999').map((a) => a.id)).toContain('maxUserWeight');
    expect(attributesFor('999999')).toEqual([]);
    expect(attributeDefinition('batteryRange')?.unit).toBe('km');
    expect(attributeDefinition('nope')).toBeUndefined();
  });

  it('every classification division used by a product has attributes', () => {
    for (const code of new Set(demoProducts().map((p) => p.details.isoCode))) {
      expect(attributesFor(code).length, code).toBeGreaterThan(0);
    }
  });
});
