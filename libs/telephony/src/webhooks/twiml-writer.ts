/**
 * TwiML as escaped string templates, for the webhooks Twilio calls on every call and text. The SDK's
 * builder (xmlbuilder underneath) costs ~50 µs a document; this costs a few. The output is byte for
 * byte what the builder writes — same declaration, attribute order, escaping and self-closed empty
 * elements (twiml-writer.spec.ts compares the two) — with one deliberate difference: a character XML
 * cannot carry (a control character, a lone surrogate) becomes U+FFFD where the builder would throw,
 * so a stray byte in a caller's words can never turn an answer into an error.
 */

/** Attribute values as TwiML takes them; undefined leaves the attribute out, as the builder does. */
export type TwimlAttributes = Record<string, string | number | boolean | undefined>;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
// Characters XML 1.0 cannot carry at all: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
const ILLEGAL = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// xmlbuilder's own escapes: text escapes & < > and CR; attributes & < " and the three whitespace controls.
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };
const entity = (c: string) => ENTITIES[c];

function legal(value: string): string {
  ILLEGAL.lastIndex = 0;
  return ILLEGAL.test(value) ? value.replace(ILLEGAL, '\uFFFD') : value;
}

export function escapeText(value: string): string {
  return legal(value).replace(TEXT_SPECIAL, entity);
}

export function escapeAttribute(value: string): string {
  return legal(value).replace(ATTRIBUTE_SPECIAL, entity);
}

function openTag(name: string, attributes: TwimlAttributes): string {
  let tag = `<${name}`;
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) tag += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  return tag;
}

/** One element with text content (or none: `<Hangup/>`). */
export function element(name: string, attributes: TwimlAttributes = {}, text = ''): string {
  const open = openTag(name, attributes);
  return text === '' ? `${open}/>` : `${open}>${escapeText(text)}</${name}>`;
}

/**
 * A TwiML element that holds other elements: the <Response> itself, or a <Gather>. It has the
 * say()/play() of the SDK's nodes, so a Speaker renders Rachel's lines into it unchanged.
 */
export class TwimlContainer {
  private body = '';

  constructor(
    private readonly name: string,
    private readonly attributes: TwimlAttributes = {},
  ) {}

  add(markup: string): this {
    this.body += markup;
    return this;
  }

  say(attributes: TwimlAttributes, text: string): this {
    return this.add(element('Say', attributes, text));
  }

  play(attributes: TwimlAttributes, url: string): this {
    return this.add(element('Play', attributes, url));
  }

  toString(): string {
    const open = openTag(this.name, this.attributes);
    return this.body === '' ? `${open}/>` : `${open}>${this.body}</${this.name}>`;
  }
}

/** A whole TwiML document: the declaration and one <Response>. */
export class TwimlDocument extends TwimlContainer {
  constructor() {
    super('Response');
  }

  override toString(): string {
    return DECLARATION + super.toString();
  }
}

/** The empty answer (`<Response/>`): nothing to say or do. Voice and messaging read it alike. */
export const EMPTY_TWIML = `${DECLARATION}<Response/>`;
