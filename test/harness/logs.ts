import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { LogMetadata } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: LogMetadata;
}

/**
 * Stands in for n8n's winston logger in the DI container and LoggerProxy, so that every line n8n
 * and the pack log is kept for the secret scans instead of printed.
 */
class CapturingLogger {
	readonly lines: LogLine[] = [];

	error(message: string, metadata?: LogMetadata) {
		this.lines.push({ level: 'error', message, metadata });
	}

	warn(message: string, metadata?: LogMetadata) {
		this.lines.push({ level: 'warn', message, metadata });
	}

	info(message: string, metadata?: LogMetadata) {
		this.lines.push({ level: 'info', message, metadata });
	}

	debug(message: string, metadata?: LogMetadata) {
		this.lines.push({ level: 'debug', message, metadata });
	}

	scoped() {
		return this;
	}
}

export const capturedLogs = new CapturingLogger();
Container.set(Logger, capturedLogs as unknown as Logger);
LoggerProxy.init(capturedLogs);

/** Every captured line as text, metadata included, for "no secret anywhere" checks. */
export function capturedLogText(): string {
	return capturedLogs.lines
		.map((line) => {
			let metadata = '';
			try {
				metadata = JSON.stringify(line.metadata) ?? '';
			} catch {
				metadata = String(line.metadata);
			}
			return `${line.level} ${line.message} ${metadata}`;
		})
		.join('\n');
}
