import { buildSchema, execute, parse } from 'graphql';
import { OperationTimeoutError } from '../../errors/app-errors';
import { refuseMutationsOnceAborted } from '../abortable-mutations';

describe('refuseMutationsOnceAborted', () => {
  it('runs no mutation field once the signal is aborted, and the ones before it as usual', async () => {
    const schema = buildSchema('type Query { x: Int } type Mutation { first: Int second: Int }');
    const ran: string[] = [];
    const controller = new AbortController();
    const fields = schema.getMutationType()!.getFields();
    fields.first!.resolve = () => {
      ran.push('first');
      controller.abort(new OperationTimeoutError(10));
      return 1;
    };
    fields.second!.resolve = () => {
      ran.push('second');
      return 2;
    };
    refuseMutationsOnceAborted(schema);
    const result = await execute({ schema, document: parse('mutation { first second }'), contextValue: { signal: controller.signal } });
    expect(ran).toEqual(['first']);
    expect(result.data).toEqual({ first: 1, second: null });
    expect(result.errors?.map((error) => [error.path, error.extensions.code])).toEqual([[['second'], 'OPERATION_TIMEOUT']]);
  });
});
