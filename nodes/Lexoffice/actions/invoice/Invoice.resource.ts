import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';

export const invoiceOperations: Record<string, Operation<never>> = {};

export const invoiceDescription: INodeProperties[] = [];
