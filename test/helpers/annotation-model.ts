// The requirements of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) an annotation must
// meet, checked by hand from the spec's MUSTs for the parts claimtrace writes (the annotation, its bodies and
// targets, agents, the selectors it uses, collections and pages): what a validator would report, as readable messages.
const ANNO = 'http://www.w3.org/ns/anno.jsonld';
const MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
];
const AGENT_TYPES = ['Person', 'Organization', 'Software'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An absolute IRI: a scheme, a colon, and no white space (RFC 3987's shape, as far as a check by pattern goes). */
const isIri = (value: unknown): value is string => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value);
/** xsd:dateTime with a time zone, as the model asks of created and modified ("SHOULD be UTC with Z"; we write Z). */
const isUtcDateTime = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value);
const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isNonNegativeInteger = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

function contextViolations(context: unknown): string[] {
  if (typeof context === 'string') return context === ANNO ? [] : [`@context must include ${ANNO}`];
  if (!Array.isArray(context) || !context.includes(ANNO)) return [`@context must include ${ANNO}`];
  // A single value must be a string, and the model's context comes first so that extensions cannot redefine its terms.
  if (context.length === 1) return ['@context with one value must be a string'];
  return context[0] === ANNO ? [] : [`@context must list ${ANNO} first`];
}

function agentViolations(agent: unknown, at: string): string[] {
  if (isIri(agent)) return [];
  if (!isObject(agent)) return [`${at} must be an IRI or an Agent`];
  const found: string[] = [];
  if (agent.id !== undefined && !isIri(agent.id)) found.push(`${at}.id must be an IRI`);
  if (agent.type !== undefined && !many(agent.type).every((type) => AGENT_TYPES.includes(type as string)))
    found.push(`${at}.type must be Person, Organization or Software`);
  if (agent.name !== undefined && typeof agent.name !== 'string') found.push(`${at}.name must be text`);
  return found;
}

function selectorViolations(selector: unknown, at: string): string[] {
  if (!isObject(selector)) return [`${at} must be a Selector`];
  switch (selector.type) {
    case 'TextQuoteSelector':
      return [
        ...(typeof selector.exact === 'string' && selector.exact !== '' ? [] : [`${at}.exact must be the quoted text`]),
        ...(['prefix', 'suffix'] as const).flatMap((key) =>
          selector[key] === undefined || typeof selector[key] === 'string' ? [] : [`${at}.${key} must be text`],
        ),
      ];
    case 'TextPositionSelector': {
      const found = (['start', 'end'] as const).flatMap((key) =>
        isNonNegativeInteger(selector[key]) ? [] : [`${at}.${key} must be a non-negative integer`],
      );
      if (found.length === 0 && (selector.end as number) < (selector.start as number)) found.push(`${at}.end must not come before start`);
      return found;
    }
    case 'FragmentSelector':
      return [
        ...(typeof selector.value === 'string' && selector.value !== '' ? [] : [`${at}.value must be the fragment`]),
        ...(selector.conformsTo === undefined || isIri(selector.conformsTo) ? [] : [`${at}.conformsTo must be an IRI`]),
        // Media Fragments' temporal dimension, as npt seconds: t=start, t=start,end or t=,end.
        ...(selector.conformsTo === 'http://www.w3.org/TR/media-frags/' && !/^t=(\d+(\.\d+)?)?(,\d+(\.\d+)?)?$/.test(String(selector.value))
          ? [`${at}.value must be a Media Fragments time range (t=start,end)`]
          : []),
      ];
    default:
      return [`${at}.type must name a Selector class, got ${JSON.stringify(selector.type)}`];
  }
}

/** A body or target: an IRI, a TextualBody, or a SpecificResource (source and selectors), or an external resource with an id. */
function resourceViolations(resource: unknown, at: string): string[] {
  if (isIri(resource)) return [];
  if (!isObject(resource)) return [`${at} must be an IRI or a resource`];
  const found: string[] = [];
  if (resource.id !== undefined && !isIri(resource.id)) found.push(`${at}.id must be an IRI`);
  if (resource.purpose !== undefined && !many(resource.purpose).every((purpose) => MOTIVATIONS.includes(purpose as string)))
    found.push(`${at}.purpose must be one of the model's motivations`);
  if (resource.creator !== undefined)
    found.push(...many(resource.creator).flatMap((agent, i) => agentViolations(agent, `${at}.creator.${i}`)));
  if (resource.type === 'TextualBody') {
    if (typeof resource.value !== 'string') found.push(`${at}.value must be the text`);
    return found;
  }
  if (resource.source !== undefined || resource.selector !== undefined) {
    if (!isIri(resource.source)) found.push(`${at}.source must be an IRI`);
    if (resource.selector !== undefined)
      found.push(...many(resource.selector).flatMap((selector, i) => selectorViolations(selector, `${at}.selector.${i}`)));
    return found;
  }
  if (resource.id === undefined) found.push(`${at} must have an id, a value (TextualBody) or a source (SpecificResource)`);
  return found;
}

/** What the annotation breaks of the model; `embedded`: inside a collection or page, whose @context covers it. */
export function annotationModelViolations(annotation: unknown, { embedded = false } = {}): string[] {
  if (!isObject(annotation)) return ['an annotation must be a JSON object'];
  const found: string[] = [];
  if (!embedded || annotation['@context'] !== undefined) found.push(...contextViolations(annotation['@context']));
  if (!isIri(annotation.id)) found.push(`id must be an IRI, got ${JSON.stringify(annotation.id)}`);
  if (!many(annotation.type).includes('Annotation')) found.push('type must include "Annotation"');
  if (annotation.motivation !== undefined && !many(annotation.motivation).every((motivation) => MOTIVATIONS.includes(motivation as string)))
    found.push(`motivation must be one of the model's: ${JSON.stringify(annotation.motivation)}`);
  for (const key of ['created', 'modified'] as const)
    if (annotation[key] !== undefined && !isUtcDateTime(annotation[key])) found.push(`${key} must be an xsd:dateTime in UTC`);
  for (const key of ['creator', 'generator'] as const)
    if (annotation[key] !== undefined) found.push(...many(annotation[key]).flatMap((agent, i) => agentViolations(agent, `${key}.${i}`)));
  if (annotation.target === undefined || (Array.isArray(annotation.target) && annotation.target.length === 0))
    found.push('target must be given: an annotation has one or more targets');
  else if (Array.isArray(annotation.target))
    found.push(...annotation.target.flatMap((target, i) => resourceViolations(target, `target.${i}`)));
  else found.push(...resourceViolations(annotation.target, 'target'));
  if (annotation.body !== undefined) {
    if (Array.isArray(annotation.body)) found.push(...annotation.body.flatMap((body, i) => resourceViolations(body, `body.${i}`)));
    else found.push(...resourceViolations(annotation.body, 'body'));
  }
  return found;
}

/** What a collection (with its pages embedded) breaks of the model's section on collections, its annotations included. */
export function collectionModelViolations(collection: unknown): string[] {
  if (!isObject(collection)) return ['a collection must be a JSON object'];
  const found = [...contextViolations(collection['@context'])];
  if (!isIri(collection.id)) found.push('collection id must be an IRI');
  if (!many(collection.type).includes('AnnotationCollection')) found.push('type must include "AnnotationCollection"');
  if (collection.total !== undefined && !isNonNegativeInteger(collection.total)) found.push('total must be a non-negative integer');
  const page = collection.first;
  if (page === undefined) return collection.total === 0 ? found : [...found, 'a collection with annotations must give its first page'];
  if (!isObject(page)) return [...found, 'first must be an embedded AnnotationPage'];
  if (!isIri(page.id)) found.push('page id must be an IRI');
  if (!many(page.type).includes('AnnotationPage')) found.push('page type must include "AnnotationPage"');
  if (!Array.isArray(page.items) || page.items.length === 0) return [...found, 'a page must list one or more items'];
  if (page.partOf !== undefined && (isObject(page.partOf) ? page.partOf.id : page.partOf) !== collection.id)
    found.push('page partOf must be its collection');
  page.items.forEach((item, i) =>
    found.push(...annotationModelViolations(item, { embedded: true }).map((violation) => `items.${i}: ${violation}`)),
  );
  if (collection.total !== undefined && collection.total !== page.items.length) found.push('total must count the annotations');
  return found;
}
