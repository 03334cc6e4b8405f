'use strict';
// n8n's queue mode with this package: Redis, one main and two workers sharing one lexoffice
// account at 2 requests/second. Slow (n8n starts three times); run with `npm run test:queue`.
const { startQueueStack, runScenario } = require('../tooling/queue-mode');

jest.setTimeout(900_000);

let stack;
beforeAll(async () => {
	stack = await startQueueStack({ workers: 2, concurrency: 2, logLevel: 'info' });
});
afterAll(async () => stack?.stop());

test('workers load the package and run the executions; every item is created exactly once', async () => {
	const result = await runScenario(stack, { executions: 4, items: 10, label: 'queue suite' });
	process.stdout.write(
		`queue mode, 2 workers, 4 × 10 creates: done/limit ${result.doneFraction.toFixed(2)}, used/limit ${result.usedFraction.toFixed(2)}, ` +
			`429 share ${(result.share429 * 100).toFixed(1)} %, failed ${result.failed}, duplicates ${result.duplicates}\n`,
	);
	expect(result.statuses).toEqual(['success', 'success', 'success', 'success']);
	expect({ failed: result.failed, duplicates: result.duplicates }).toEqual({ failed: 0, duplicates: 0 });
	// The executions ran on the workers, not on main, and both workers took some.
	for (const worker of stack.workers) expect(worker.logs).toMatch(/Worker started execution/);
	expect(stack.main.logs).not.toMatch(/Worker started execution/);
	// Every create reached lexoffice once; the other requests were 429s, waited out.
	expect(result.requests - result.all429).toBe(40);
});

test('under injected 429s no item fails and nothing is created twice', async () => {
	const result = await runScenario(stack, { executions: 2, items: 10, inject429: 0.2, label: 'queue suite, 429s' });
	expect(result.statuses).toEqual(['success', 'success']);
	expect(result.all429).toBeGreaterThan(0);
	expect({ failed: result.failed, duplicates: result.duplicates }).toEqual({ failed: 0, duplicates: 0 });
});
