import { describe, expect, it } from 'vitest';
import { prescriptionTotals, priceLine } from './prescription.ts';

const wheelchair = {
  code: '12220301',
  maxSubsidyFen: 100_000,
  productPartFen: 60_000,
  servicePartFen: 40_000,
  ratios: { subsistence: 100, extremePoverty: 100, lowIncome: 80, other: 50 },
  quantityLimit: 1,
};

describe('prescription pricing: min(price, cap) × the group’s ratio', () => {
  it('pays the capped price times the ratio, split as the cap is split, the rest self-paid', () => {
    const line = priceLine(wheelchair, 'other', { productId: 'p', priceFen: 150_000 }, 1);
    expect(line).toMatchObject({
      subsidyFen: 50_000,
      productPartFen: 30_000,
      servicePartFen: 20_000,
      selfPaidFen: 100_000,
    });
  });

  it('pays a price under the cap in full for a subsistence-allowance household', () => {
    const line = priceLine(wheelchair, 'subsistence', { productId: 'p', priceFen: 80_000 }, 1);
    expect(line).toMatchObject({ subsidyFen: 80_000, selfPaidFen: 0 });
  });

  it('rounds down to whole fen', () => {
    const line = priceLine(wheelchair, 'lowIncome', { productId: 'p', priceFen: 33_333 }, 1);
    expect(line).toMatchObject({ subsidyFen: 26_666, selfPaidFen: 6_667 });
  });

  it('refuses more than the item allows, and a fractional price', () => {
    expect(priceLine(wheelchair, 'other', { productId: 'p', priceFen: 1 }, 2)).toBe('quantity');
    expect(priceLine(wheelchair, 'other', { productId: 'p', priceFen: 1 }, 0)).toBe('quantity');
    expect(priceLine(wheelchair, 'other', { productId: 'p', priceFen: 10.5 }, 1)).toBe('price');
  });

  it('adds the lines up', () => {
    const hearing = { ...wheelchair, code: '22060601', quantityLimit: 2 };
    const lines = [
      priceLine(hearing, 'other', { productId: 'a', priceFen: 300_000 }, 2),
      priceLine(wheelchair, 'other', { productId: 'b', priceFen: 50_000 }, 1),
    ].filter((l) => typeof l !== 'string');
    expect(prescriptionTotals(lines)).toEqual({
      priceFen: 650_000,
      subsidyFen: 125_000,
      selfPaidFen: 525_000,
    });
  });
});
