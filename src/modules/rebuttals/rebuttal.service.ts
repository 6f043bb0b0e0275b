import { Conflict, InvalidInput, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import type { Rebuttal, RebuttalStance } from '../../generated/prisma/client';
import type { ClaimRecord } from '../claims/claim.service';
import type { DbClient } from '../../db/database';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

/** A rebuttal, with its two claims when whoever read it had them already (a trace has them among its nodes). */
export type RebuttalRecord = Rebuttal & { claim?: ClaimRecord; counterclaim?: ClaimRecord };

export interface RebuttalData {
  claimId: string;
  counterclaimId: string;
  stance: RebuttalStance;
  rationale?: string | null;
}

export interface RebuttalChanges {
  stance?: RebuttalStance | null;
  rationale?: string | null;
}

export class RebuttalService {
  constructor(private readonly prisma: DbClient) {}

  findById(id: string): Promise<RebuttalRecord | null> {
    return this.prisma.rebuttal.findUnique({ where: { id } });
  }

  async create(data: RebuttalData, write: WriteContext): Promise<RebuttalRecord> {
    const { claimId, counterclaimId } = data;
    // The database refuses this too (a CHECK constraint); checking first gives the clearer message.
    if (claimId === counterclaimId) {
      throw new InvalidInput('A claim cannot rebut itself: counterclaimId must differ from claimId', { field: 'counterclaimId' });
    }
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) =>
        tx.rebuttal.create({ data: { claimId, counterclaimId, stance: data.stance, rationale: data.rationale ?? null } }),
      );
    } catch (error) {
      const violation = databaseViolation(error);
      if (violation?.kind === 'unique') {
        throw new Conflict(`Claim ${counterclaimId} already rebuts claim ${claimId}; update that rebuttal instead`, {
          field: 'counterclaimId',
        });
      }
      if (violation?.kind === 'foreign-key') {
        const field = violation.constraint.includes('counterclaim') ? 'counterclaimId' : 'claimId';
        throw new InvalidInput(`No claim has id ${field === 'claimId' ? claimId : counterclaimId}`, { field });
      }
      throw error;
    }
  }

  async update(rebuttalId: string, changes: RebuttalChanges, write: WriteContext): Promise<RebuttalRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) =>
        tx.rebuttal.update({ where: { id: rebuttalId }, data: { stance: changes.stance ?? undefined, rationale: changes.rationale } }),
      );
    } catch (error) {
      throw databaseViolation(error)?.kind === 'record-not-found' ? new NotFound('Rebuttal', rebuttalId, { field: 'id' }) : error;
    }
  }

  async delete(rebuttalId: string, write: WriteContext): Promise<RebuttalRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.rebuttal.delete({ where: { id: rebuttalId } }));
    } catch (error) {
      throw databaseViolation(error)?.kind === 'record-not-found' ? new NotFound('Rebuttal', rebuttalId, { field: 'id' }) : error;
    }
  }
}
