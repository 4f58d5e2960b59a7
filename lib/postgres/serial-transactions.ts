// Prisma's query interpreter fetches the relations of one `include` at once (Promise.all). Outside
// a transaction each query takes its own pooled connection; inside one they all share the
// transaction's connection, and node-postgres queues them but warns ("Calling client.query() when
// the client is already executing a query is deprecated…" in every process's log) and will refuse
// them in pg 9. Until @prisma/adapter-pg serialises them itself (prisma/orm#29979), a transaction's
// queries are sent one after another here — what the connection did anyway.
import type { SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/** `factory`, whose transactions send one query at a time. */
export function withSerialTransactions<Factory extends SqlDriverAdapterFactory>(factory: Factory): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => serialise(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

function serialise(transaction: Transaction): Transaction {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(send: (query: SqlQuery) => Promise<T>) => {
    const bound = send.bind(transaction);
    return (query: SqlQuery): Promise<T> => {
      const result = last.then(() => bound(query));
      last = result.catch(() => undefined);
      return result;
    };
  };
  transaction.queryRaw = inTurn(transaction.queryRaw);
  transaction.executeRaw = inTurn(transaction.executeRaw);
  return transaction;
}
