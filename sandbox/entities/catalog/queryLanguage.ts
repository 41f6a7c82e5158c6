import { QueryError } from '../../query';

/**
 * BigID's data catalog query language, as far as clients are seen to use it: `field = "value"`,
 * `field != "value"`, `field IN ("a", "b")`, `field STARTSWITH "pre"`, `field EXISTS`, joined by
 * AND, OR and NOT with parentheses. Fields may be dotted, with quoted parts: `tags."Access Type"`.
 * Strings are double-quoted; a backslash escapes the next character.
 */
export type CatalogQuery =
	| { kind: 'and' | 'or'; left: CatalogQuery; right: CatalogQuery }
	| { kind: 'not'; operand: CatalogQuery }
	| {
			kind: 'compare';
			field: string[];
			operator: '=' | '!=' | 'IN' | 'STARTSWITH' | 'EXISTS';
			values: string[];
	  };

type Token =
	| { type: 'string' | 'word'; text: string }
	| { type: 'symbol'; text: '(' | ')' | ',' | '.' | '=' | '!=' };

const UNESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'STARTSWITH', 'EXISTS']);

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const character = text[index];
		if (/\s/.test(character)) {
			index++;
		} else if (character === '"') {
			let value = '';
			index++;
			for (;;) {
				if (index >= text.length) throw new QueryError(`Unterminated string in filter: ${text}`);
				const next = text[index++];
				if (next === '"') break;
				if (next === '\\') {
					const escaped = text[index++] ?? '';
					value += UNESCAPED[escaped] ?? escaped;
				} else {
					value += next;
				}
			}
			tokens.push({ type: 'string', text: value });
		} else if (text.startsWith('!=', index)) {
			tokens.push({ type: 'symbol', text: '!=' });
			index += 2;
		} else if ('(),.='.includes(character)) {
			tokens.push({ type: 'symbol', text: character as '(' | ')' | ',' | '.' | '=' });
			index++;
		} else {
			const word = /^[^\s"(),.=!]+/.exec(text.slice(index))?.[0];
			if (!word) throw new QueryError(`Unexpected "${character}" in filter: ${text}`);
			tokens.push({ type: 'word', text: word });
			index += word.length;
		}
	}
	return tokens;
}

class Parser {
	private position = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly source: string,
	) {}

	parse(): CatalogQuery {
		const query = this.or();
		if (this.position < this.tokens.length) this.fail('unexpected text after the query');
		return query;
	}

	private fail(reason: string): never {
		throw new QueryError(`Invalid filter (${reason}): ${this.source}`);
	}

	private peekKeyword(): string | undefined {
		const token = this.tokens[this.position];
		return token?.type === 'word' && KEYWORDS.has(token.text.toUpperCase())
			? token.text.toUpperCase()
			: undefined;
	}

	private takeSymbol(symbol: string): boolean {
		const token = this.tokens[this.position];
		if (token?.type === 'symbol' && token.text === symbol) {
			this.position++;
			return true;
		}
		return false;
	}

	private or(): CatalogQuery {
		let left = this.and();
		while (this.peekKeyword() === 'OR') {
			this.position++;
			left = { kind: 'or', left, right: this.and() };
		}
		return left;
	}

	private and(): CatalogQuery {
		let left = this.not();
		while (this.peekKeyword() === 'AND') {
			this.position++;
			left = { kind: 'and', left, right: this.not() };
		}
		return left;
	}

	private not(): CatalogQuery {
		if (this.peekKeyword() === 'NOT') {
			this.position++;
			return { kind: 'not', operand: this.not() };
		}
		if (this.takeSymbol('(')) {
			const inner = this.or();
			if (!this.takeSymbol(')')) this.fail('missing )');
			return inner;
		}
		return this.comparison();
	}

	private fieldPart(): string {
		const token = this.tokens[this.position++];
		if (token?.type === 'string') return token.text;
		if (token?.type === 'word' && !KEYWORDS.has(token.text.toUpperCase())) return token.text;
		return this.fail('a field name was expected');
	}

	private value(): string {
		const token = this.tokens[this.position++];
		if (token?.type === 'string') return token.text;
		// Bare numbers and booleans, as some clients send them.
		if (token?.type === 'word' && !KEYWORDS.has(token.text.toUpperCase())) return token.text;
		return this.fail('a value was expected');
	}

	private comparison(): CatalogQuery {
		const field = [this.fieldPart()];
		while (this.takeSymbol('.')) field.push(this.fieldPart());
		if (this.takeSymbol('='))
			return { kind: 'compare', field, operator: '=', values: [this.value()] };
		if (this.takeSymbol('!=')) {
			return { kind: 'compare', field, operator: '!=', values: [this.value()] };
		}
		const keyword = this.peekKeyword();
		this.position++;
		if (keyword === 'EXISTS') return { kind: 'compare', field, operator: 'EXISTS', values: [] };
		if (keyword === 'STARTSWITH') {
			return { kind: 'compare', field, operator: 'STARTSWITH', values: [this.value()] };
		}
		if (keyword === 'IN') {
			if (!this.takeSymbol('(')) this.fail('IN needs a list in parentheses');
			const values = [this.value()];
			while (this.takeSymbol(',')) values.push(this.value());
			if (!this.takeSymbol(')')) this.fail('missing ) after the IN list');
			return { kind: 'compare', field, operator: 'IN', values };
		}
		return this.fail(`an operator was expected after ${field.join('.')}`);
	}
}

export function parseCatalogQuery(text: string): CatalogQuery {
	return new Parser(tokenize(text), text).parse();
}

/** `values(field)` gives every value the object holds for a field path (none when absent). */
export function matchesCatalogQuery(
	query: CatalogQuery,
	values: (field: string[]) => string[],
): boolean {
	switch (query.kind) {
		case 'and':
			return matchesCatalogQuery(query.left, values) && matchesCatalogQuery(query.right, values);
		case 'or':
			return matchesCatalogQuery(query.left, values) || matchesCatalogQuery(query.right, values);
		case 'not':
			return !matchesCatalogQuery(query.operand, values);
		case 'compare': {
			const held = values(query.field);
			switch (query.operator) {
				case 'EXISTS':
					return held.length > 0;
				case '!=':
					return !held.includes(query.values[0]);
				case 'STARTSWITH':
					return held.some((value) => value.startsWith(query.values[0]));
				default:
					return held.some((value) => query.values.includes(value));
			}
		}
	}
}
