/**
 * Enough JQL for what workflows ask: clauses `field = value`, `!=`, `in (…)`, `not in (…)`, `~`,
 * `>=`/`<=`/`>`/`<` on dates, `is EMPTY`/`is not EMPTY`, joined by AND, then ORDER BY (ignored).
 * An unknown field or a query it cannot read answers 400 as Jira does.
 */
import { JiraError, RESOLUTIONS, STATUSES, type JiraIssue, type JiraModel } from './model';

type Predicate = (issue: JiraIssue) => boolean;

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|>=|<=|[=~<>(),]|[^\s=!~<>(),"']+)/y;

function tokenize(jql: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	let match: RegExpExecArray | null;
	while (TOKEN.lastIndex < jql.length && (match = TOKEN.exec(jql))) tokens.push(match[1]);
	if (jql.slice(TOKEN.lastIndex).trim() !== '') throw syntaxError(jql);
	return tokens;
}

const syntaxError = (jql: string) =>
	new JiraError(400, [`Error in the JQL Query: The query '${jql}' could not be read.`]);

const unquote = (token: string) =>
	/^["']/.test(token) ? token.slice(1, -1).replace(/\\(.)/g, '$1') : token;

/** The values of a field an issue has, lower-cased, for comparison. */
function valuesOf(model: JiraModel, issue: JiraIssue, field: string): string[] | undefined {
	const project = model.projects.find(({ id }) => id === issue.projectId)!;
	const status = STATUSES.find(({ id }) => id === issue.statusId)!;
	const user = (name: string | null) => {
		const found = name ? model.findUser(name) : undefined;
		return found ? [found.name, found.emailAddress] : [];
	};
	const byField: Record<string, () => string[]> = {
		project: () => [project.key, project.id, project.name],
		key: () => [issue.key, issue.id],
		issuekey: () => [issue.key, issue.id],
		id: () => [issue.id],
		labels: () => issue.labels,
		status: () => [status.name, status.id],
		statuscategory: () => [
			status.category,
			{ new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[status.category],
		],
		resolution: () => {
			const resolution = RESOLUTIONS.find(({ id }) => id === issue.resolutionId);
			return resolution ? [resolution.name, resolution.id] : [];
		},
		assignee: () => user(issue.assignee),
		reporter: () => user(issue.reporter),
		issuetype: () => [issue.issueTypeId],
		type: () => [issue.issueTypeId],
		summary: () => [issue.summary],
		text: () => [issue.summary, issue.description ?? ''],
		created: () => [String(issue.created)],
		updated: () => [String(issue.updated)],
	};
	return byField[field]?.().map((value) => value.toLowerCase());
}

function compareDates(left: string, operator: string, right: string): boolean {
	const value = Number(left);
	const bound = Date.parse(right);
	if (Number.isNaN(bound)) return false;
	return { '>=': value >= bound, '<=': value <= bound, '>': value > bound, '<': value < bound }[
		operator
	]!;
}

export function compileJql(model: JiraModel, jql: string): Predicate {
	const text = jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim();
	if (text === '') return () => true;
	const tokens = tokenize(text);
	const clauses: Predicate[] = [];
	let at = 0;
	const next = () => {
		if (at >= tokens.length) throw syntaxError(jql);
		return tokens[at++];
	};
	while (at < tokens.length) {
		const field = unquote(next()).toLowerCase();
		if (valuesOf(model, model.issues[0] ?? SAMPLE, field) === undefined) {
			throw new JiraError(400, [
				`Field '${field}' does not exist or you do not have permission to view it.`,
			]);
		}
		let operator = next().toLowerCase();
		if (operator === 'not' || operator === 'is') {
			const second = next().toLowerCase();
			operator = `${operator} ${second}`;
			if (operator === 'is not') operator = `is not ${next().toLowerCase()}`;
		}
		let values: string[];
		if (operator === 'in' || operator === 'not in') {
			if (next() !== '(') throw syntaxError(jql);
			values = [];
			for (let token = next(); token !== ')'; token = next()) {
				if (token !== ',') values.push(unquote(token).toLowerCase());
			}
		} else if (operator.startsWith('is')) {
			values = [];
		} else {
			values = [unquote(next()).toLowerCase()];
		}
		clauses.push(clause(model, field, operator, values, jql));
		if (at < tokens.length && next().toLowerCase() !== 'and') throw syntaxError(jql);
	}
	return (issue) => clauses.every((predicate) => predicate(issue));
}

function clause(
	model: JiraModel,
	field: string,
	operator: string,
	values: string[],
	jql: string,
): Predicate {
	const has = (issue: JiraIssue) => valuesOf(model, issue, field)!;
	const unresolved = field === 'resolution' && values[0] === 'unresolved';
	switch (operator) {
		case '=':
			return unresolved
				? (issue) => issue.resolutionId === null
				: (issue) => has(issue).includes(values[0]);
		case '!=':
			return (issue) => !has(issue).includes(values[0]);
		case 'in':
			return (issue) => has(issue).some((value) => values.includes(value));
		case 'not in':
			return (issue) => !has(issue).some((value) => values.includes(value));
		case '~':
			return (issue) => has(issue).some((value) => value.includes(values[0]));
		case 'is empty':
			return (issue) => has(issue).length === 0;
		case 'is not empty':
			return (issue) => has(issue).length > 0;
		case '>=':
		case '<=':
		case '>':
		case '<':
			return (issue) => compareDates(has(issue)[0], operator, values[0]);
		default:
			throw syntaxError(jql);
	}
}

/** Checks field names when there is no issue yet. */
const SAMPLE: JiraIssue = {
	id: '0',
	key: 'X-0',
	projectId: '10000',
	issueTypeId: '3',
	summary: '',
	description: null,
	labels: [],
	assignee: null,
	reporter: 'jira-admin',
	priorityId: '3',
	statusId: '10000',
	resolutionId: null,
	resolutionDate: null,
	created: 0,
	updated: 0,
	comments: [],
};
