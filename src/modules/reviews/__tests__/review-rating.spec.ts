import { ReviewRating } from '../../../generated/prisma/enums';
import { RATING_LABEL, RATING_SCALE, RATING_VALUE, ratingFromText, ratingFromValue } from '../review-rating';

describe('rating tables', () => {
  it('places every rating but UNPROVEN on the 1..5 scale, in order of truth', () => {
    expect(RATING_SCALE).toEqual({ worstRating: 1, bestRating: 5 });
    expect(RATING_VALUE).toEqual({ FALSE: 1, MOSTLY_FALSE: 2, MISLEADING: 2, MIXED: 3, MOSTLY_TRUE: 4, TRUE: 5, UNPROVEN: null });
  });

  it.each([
    ['False', 'FALSE'],
    ['Pants on Fire!', 'FALSE'],
    ['  FALSO ', 'FALSE'],
    ['Faux', 'FALSE'],
    ['Falsch', 'FALSE'],
    ['Mostly false', 'MOSTLY_FALSE'],
    ['Half True', 'MIXED'],
    ['Half-true', 'MIXED'],
    ['Mostly True', 'MOSTLY_TRUE'],
    ['True', 'TRUE'],
    ['Misleading', 'MISLEADING'],
    ['Engañoso', 'MISLEADING'],
    ['Missing context', 'MISLEADING'],
    ['Unproven', 'UNPROVEN'],
    ['No evidence', 'UNPROVEN'],
  ])('"%s" -> %s', (text, rating) => {
    expect(ratingFromText(text)).toBe(rating);
  });

  it('knows every label it publishes, so an exported review reads back as the same rating', () => {
    for (const [rating, label] of Object.entries(RATING_LABEL)) expect(ratingFromText(label)).toBe(rating);
  });

  it('does not guess at words it does not know', () => {
    expect(ratingFromText('Cuatro Pinochos y medio')).toBeUndefined();
    expect(ratingFromText('')).toBeUndefined();
    expect(ratingFromText('Plutôt  FAUX.')).toBe('MOSTLY_FALSE');
  });

  it('places numbers from any scale on 1..5', () => {
    expect(ratingFromValue(1)).toBe(ReviewRating.FALSE);
    expect(ratingFromValue(5)).toBe(ReviewRating.TRUE);
    expect(ratingFromValue(3)).toBe(ReviewRating.MIXED);
    expect(ratingFromValue(0, 0, 10)).toBe(ReviewRating.FALSE);
    expect(ratingFromValue(8, 0, 10)).toBe(ReviewRating.MOSTLY_TRUE);
    expect(ratingFromValue(-1)).toBeUndefined();
    expect(ratingFromValue(2, 3, 3)).toBeUndefined();
  });
});
