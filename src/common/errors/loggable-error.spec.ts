import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('errors as the log holds them', () => {
  it('keeps what failed and where, but not a failed query’s parameters or PostgreSQL’s detail', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_users_email"'), {
      code: '23505',
      constraint: 'uq_users_email',
      table: 'users',
      detail: 'Key (lower(email::text))=(jo.secretary@example.org) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO users (email, name) VALUES ($1, $2)', ['jo.secretary@example.org', 'Jo Secretary'], driverError);

    const logged = loggableError(error);

    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_users_email',
      table: 'users',
      query: 'INSERT INTO users (email, name) VALUES ($1, $2)',
    });
    expect(logged.stack).toContain('QueryFailedError');
    expect(JSON.stringify(logged)).not.toMatch(/jo\.secretary|Jo Secretary/);
  });

  it('follows causes a few levels down and copes with things that are not errors', () => {
    const error = new Error('outer', { cause: new Error('inner') });
    expect(loggableError(error).cause).toMatchObject({ type: 'Error', message: 'inner' });
    expect(loggableError('a string')).toEqual({ type: 'string', message: 'a string' });
    expect(loggableError(null)).toEqual({ type: 'object', message: 'null' });
  });
});
