import {
  closestMatch,
  codePointLength,
  contextOf,
  foldText,
  locateAnchor,
  quoteStandsIn,
  sentenceAround,
  slicePoints,
  verifyAnchor,
} from '../anchoring';

const TEXT = 'NATO said the focus “is to preserve the treaty,” adding more.\nIt is to preserve the treaty. The end.';

describe('foldText', () => {
  it('reads typographic quotes as straight ones and whitespace runs as one space', () => {
    expect(foldText('“We don’t”\n\t  know')).toBe(`"We don't" know`);
  });
  it('compares in NFC', () => {
    expect(foldText('e\u0301')).toBe('\u00e9');
  });
});

describe('locateAnchor', () => {
  it('finds a passage that stands once, with the text either side as prefix and suffix', () => {
    const result = locateAnchor(TEXT, { exact: 'adding more' });
    expect(result).toEqual({ anchor: expect.objectContaining({ exact: 'adding more', start: 49, end: 60 }) });
    if ('anchor' in result) expect(result.anchor.prefix.endsWith('treaty,” ')).toBe(true);
  });
  it('refuses a passage that stands twice, naming exact, and places it with a prefix', () => {
    expect(locateAnchor(TEXT, { exact: 'is to preserve the treaty' })).toEqual({ problem: expect.objectContaining({ field: 'exact' }) });
    const result = locateAnchor(TEXT, { exact: 'is to preserve the treaty', prefix: 'It ' });
    expect('anchor' in result && result.anchor.start).toBe(TEXT.indexOf('is to preserve the treaty.'));
  });
  it('refuses a passage that is not there', () => {
    expect(locateAnchor(TEXT, { exact: 'Russia' })).toEqual({ problem: expect.objectContaining({ field: 'exact' }) });
  });
  it('matches straight quotes and collapsed whitespace, storing the source’s own characters', () => {
    const result = locateAnchor(TEXT, { exact: '"is to preserve the treaty," adding more. It' });
    expect('anchor' in result && result.anchor.exact).toBe('“is to preserve the treaty,” adding more.\nIt');
  });
  it('checks the text at a position, and takes it when no exact is given', () => {
    expect(locateAnchor(TEXT, { start: 49, end: 60 })).toEqual({ anchor: expect.objectContaining({ exact: 'adding more' }) });
    expect(locateAnchor(TEXT, { start: 49, end: 60, exact: 'adding less' })).toEqual({
      problem: expect.objectContaining({ field: 'exact' }),
    });
    expect(locateAnchor(TEXT, { start: 49, end: 500 })).toEqual({ problem: expect.objectContaining({ field: 'end' }) });
  });
  it('counts code points, not UTF-16 units', () => {
    const text = '😀 a quote here';
    expect(codePointLength(text)).toBe(14);
    const result = locateAnchor(text, { exact: 'quote' });
    expect('anchor' in result && [result.anchor.start, result.anchor.end]).toEqual([4, 9]);
    expect(slicePoints(text, 4, 9)).toBe('quote');
  });
});

describe('verifyAnchor', () => {
  const anchored = { exact: 'adding more', prefix: 'the treaty,” ', suffix: '.\nIt is', start: 49, end: 60 };
  it('is UNVERIFIED without a text, VERIFIED where the passage stands', () => {
    expect(verifyAnchor(null, anchored).verification).toBe('UNVERIFIED');
    expect(verifyAnchor(TEXT, anchored).verification).toBe('VERIFIED');
  });
  it('is BROKEN when the text changed, with where the passage stands now', () => {
    const edited = `Breaking: ${TEXT}`;
    expect(verifyAnchor(edited, anchored)).toEqual({ verification: 'BROKEN', anchor: anchored, closest: { start: 59, end: 70 } });
  });
  it('finds a reworded passage between its prefix and suffix', () => {
    const reworded = TEXT.replace('adding more', 'adding much more');
    expect(closestMatch(reworded, anchored)).toEqual({ start: 49, end: 65 });
    expect(verifyAnchor('Nothing alike.', anchored)).toEqual({ verification: 'BROKEN', anchor: anchored, closest: null });
  });
  it('places an anchor recorded before the text', () => {
    const result = verifyAnchor(TEXT, { exact: 'adding more', prefix: null, suffix: null, start: null, end: null });
    expect(result.verification).toBe('VERIFIED');
    expect(result.anchor).toEqual(expect.objectContaining({ start: 49, end: 60 }));
  });
});

describe('quoteStandsIn', () => {
  it('needs the claim verbatim, folded', () => {
    expect(quoteStandsIn("We don't require it", 'he said: “We don’t require it.”')).toBe(true);
    expect(quoteStandsIn('We do require it', 'he said: “We don’t require it.”')).toBe(false);
  });
  it('reads a quotation interrupted by its attribution as one', () => {
    expect(quoteStandsIn('At same time, we plan', '"At same time,” Stoltenberg said, “we plan.”')).toBe(true);
  });
});

describe('sentenceAround', () => {
  it('widens a position to its sentence', () => {
    const start = TEXT.indexOf('preserve the treaty. The');
    expect(slicePoints(TEXT, ...(Object.values(sentenceAround(TEXT, { start, end: start + 8 })) as [number, number]))).toBe(
      'It is to preserve the treaty.',
    );
  });
});

describe('contextOf', () => {
  it('cuts to whole words and marks the passage', () => {
    expect(
      contextOf({ before: 'rtial words before ', exact: 'quote', after: ' and after wor', moreBefore: true, moreAfter: true }),
    ).toEqual({
      before: 'words before ',
      exact: 'quote',
      after: ' and after',
      marked: '…words before ⟦quote⟧ and after…',
    });
  });
});
