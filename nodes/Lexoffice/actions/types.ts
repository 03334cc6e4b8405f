import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation: `prepare` reads and checks an item's parameters without any request,
 * so that bad input fails before anything reaches lexoffice; `execute` sends it.
 */
export interface Operation<Prepared = unknown> {
	description: INodeProperties[];
	prepare(context: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	execute(context: IExecuteFunctions, itemIndex: number, prepared: Prepared): Promise<INodeExecutionData[]>;
}
