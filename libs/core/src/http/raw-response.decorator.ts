import { SetMetadata } from '@nestjs/common';

export const RAW_RESPONSE = 'ringlypro:raw-response';

/** The handler's return value is sent as it is (TwiML, files), not wrapped in the JSON envelope. */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);
