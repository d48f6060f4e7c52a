import { type AppConfig, NotFoundError } from '@ringlypro/core';
import type { CreditLedger } from '../ledger/credit-ledger.service';
import type { CreditCheckout } from '../stripe/credit-checkout.service';
import type { CreditReports } from './credit-reports.service';
import { CreditsController } from './credits.controller';

describe('POST /api/credits/test/add-credits in production', () => {
  it('is a 404 and writes nothing', async () => {
    const credit = jest.fn();
    const controller = new CreditsController({} as CreditReports, { credit } as unknown as CreditLedger, {} as CreditCheckout, { nodeEnv: 'production' } as AppConfig);
    await expect(controller.addTestCredits({ amount: '25.00' })).rejects.toBeInstanceOf(NotFoundError);
    expect(credit).not.toHaveBeenCalled();
  });
});
