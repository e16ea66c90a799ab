/** The API's enum values in words, in one place. */
export const GRADE_ORDER = ['HIGH', 'NEUTRAL', 'LOW', 'INSUFFICIENT_DATA'];

export function gradeLabel(grade: string): string {
  switch (grade) {
    case 'HIGH':
      return 'High';
    case 'LOW':
      return 'Low';
    case 'NEUTRAL':
      return 'Neutral';
    default:
      return 'Not enough data';
  }
}

export function basisLabel(basis: string): string {
  switch (basis) {
    case 'INCREMENTAL':
      return 'incremental (against the holdout)';
    case 'FIRST_PURCHASE':
      return 'first purchase';
    case 'GROSS':
      return 'gross';
    default:
      return basis.toLowerCase();
  }
}

export function conceptLabel(concept: string): string {
  switch (concept) {
    case 'return_on_spend':
      return 'Return on spend';
    case 'acquisition_cost':
      return 'Acquisition cost';
    case 'conversion_rate':
      return 'Conversion';
    case 'revenue':
      return 'Revenue';
    default:
      return concept;
  }
}

export function funnelTypeLabel(type: string): string {
  return type === 'LANGUAGE' ? 'Language' : 'Non-language';
}
