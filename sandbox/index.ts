export { startSandbox, type Sandbox } from './server';
export type {
	ApiResponse,
	SandboxOptions,
	SandboxTls,
	ResolvedSandboxOptions,
	SandboxTicket,
} from './context';
export type { SandboxStats } from './counters';
export {
	FAULT_KINDS,
	FaultController,
	type FaultConfig,
	type FaultInjection,
	type FaultKind,
} from './faults';
export {
	FAILING_DATA_SOURCE_NAME,
	SandboxStore,
	type ChildScan,
	type FinishedParentScanInput,
	type ParentScan,
	type SandboxDataSource,
	type SandboxRole,
	type SandboxScanProfile,
	type SandboxUser,
	type ScanExecution,
	type UserFields,
} from './store';
