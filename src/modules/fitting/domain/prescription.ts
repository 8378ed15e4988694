import { type ApplicantGroup, type SubsidyItem, subsidyFor } from '../../policyCatalogs/index.ts';

/** One prescribed product under one catalog item, with what the city pays and what the person pays. */
export interface PrescriptionLine {
  readonly itemCode: string;
  readonly productId: string;
  readonly quantity: number;
  /** Unit price the product was admitted at. */
  readonly priceFen: number;
  readonly capFen: number;
  readonly ratioPercent: number;
  readonly subsidyFen: number;
  readonly productPartFen: number;
  readonly servicePartFen: number;
  readonly selfPaidFen: number;
}

export type PrescriptionProblem = 'quantity' | 'price';

type PricedItem = Pick<
  SubsidyItem,
  'code' | 'maxSubsidyFen' | 'productPartFen' | 'servicePartFen' | 'ratios' | 'quantityLimit'
>;

/**
 * Prices one line: per unit, min(price, cap) × the group's ratio, rounded
 * down to whole fen (the city never pays a fraction more than the rule), split
 * into product and service parts in the proportion the item's cap is split
 * (Anhui's 60/40 model in DOMAIN.md); the person pays the rest of the price.
 */
export function priceLine(
  item: PricedItem,
  group: ApplicantGroup,
  product: { readonly productId: string; readonly priceFen: number },
  quantity: number,
): PrescriptionLine | PrescriptionProblem {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > item.quantityLimit) return 'quantity';
  if (!Number.isInteger(product.priceFen) || product.priceFen < 0) return 'price';
  const perUnit = subsidyFor(item, group, product.priceFen);
  const subsidyFen = perUnit * quantity;
  const productPartFen =
    item.maxSubsidyFen === 0
      ? subsidyFen
      : Math.floor((subsidyFen * item.productPartFen) / item.maxSubsidyFen);
  return {
    itemCode: item.code,
    productId: product.productId,
    quantity,
    priceFen: product.priceFen,
    capFen: item.maxSubsidyFen,
    ratioPercent: item.ratios[group],
    subsidyFen,
    productPartFen,
    servicePartFen: subsidyFen - productPartFen,
    selfPaidFen: product.priceFen * quantity - subsidyFen,
  };
}

export const prescriptionTotals = (lines: readonly PrescriptionLine[]) => ({
  priceFen: lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0),
  subsidyFen: lines.reduce((sum, l) => sum + l.subsidyFen, 0),
  selfPaidFen: lines.reduce((sum, l) => sum + l.selfPaidFen, 0),
});
