import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { describeDatabaseError, isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x'): DatabaseError => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['the server refusing connections', errno('ECONNREFUSED')],
    ['a connection reset', errno('ECONNRESET')],
    ['a connect timeout', errno('ETIMEDOUT')],
    ['every address refused (happy eyeballs)', new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')])],
    ['the database system shutting down', pgError('57P03', 'the database system is shutting down')],
    ['the session ended by a shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown', pgError('57P02')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a connection exception (class 08)', pgError('08006')],
    ['statement_timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['lock_timeout', pgError('55P03', 'canceling statement due to lock timeout')],
    ['idle_in_transaction_session_timeout', pgError('25P03')],
    ['a wait for a pooled connection running out', new Error('timeout exceeded when trying to connect')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a connect timeout from pg-pool, with its cause', new Error('Connection terminated due to connection timeout', { cause: new Error('x') })],
    ['a client whose connection broke', new Error('Client has encountered a connection error and is not queryable')],
    ['TypeORM wrapping a lock timeout', new QueryFailedError('SELECT 1', [], pgError('55P03'))],
    ['an error caused by a refused connection', new Error('store failed', { cause: errno('ECONNREFUSED') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a syntax error (a bug)', pgError('42601')],
    ['a bad value', pgError('22P02')],
    ['a deadlock', pgError('40P01')],
    ['an ordinary error', new Error('something else')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('survives an error that is its own cause', () => {
    const loop = new Error('loop') as Error & { cause?: unknown };
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });

  it('describes it by code and the driver’s words, never the query or its parameters', () => {
    const wrapped = new QueryFailedError('SELECT * FROM users WHERE email = $1', ['someone@example.org'], pgError('57014', 'canceling statement due to statement timeout'));
    const described = describeDatabaseError(wrapped);
    expect(described).toEqual({ code: '57014', reason: 'canceling statement due to statement timeout' });
    expect(JSON.stringify(described)).not.toContain('example.org');
  });
});
