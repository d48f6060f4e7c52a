import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';

const SID = /^[A-Za-z0-9_-]{1,64}$/;

/** The seed's manual usage entry. Keyed like metered usage: a call_sid or message_sid is charged once. */
export class TrackUsageDto {
  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  client_id: number;

  @ApiProperty({ enum: ['voice_call', 'sms'] })
  @IsIn(['voice_call', 'sms'])
  usage_type: 'voice_call' | 'sms';

  @ApiPropertyOptional({ example: 'CA0123456789abcdef0123456789abcdef', description: 'Required for voice_call; the idempotency key' })
  @ValidateIf((o: TrackUsageDto) => o.usage_type === 'voice_call' || o.call_sid !== undefined)
  @Matches(SID, { message: 'call_sid must be 1-64 letters, digits, _ or -' })
  call_sid?: string;

  @ApiPropertyOptional({ example: 125, description: 'Required for voice_call: seconds, billed in whole minutes rounded up' })
  @ValidateIf((o: TrackUsageDto) => o.usage_type === 'voice_call' || o.duration_seconds !== undefined)
  @IsInt()
  @Min(0)
  @Max(86_400)
  duration_seconds?: number;

  @ApiPropertyOptional({ example: 'SM0123456789abcdef0123456789abcdef', description: 'Required for sms; the idempotency key' })
  @ValidateIf((o: TrackUsageDto) => o.usage_type === 'sms' || o.message_sid !== undefined)
  @Matches(SID, { message: 'message_sid must be 1-64 letters, digits, _ or -' })
  message_sid?: string;

  @ApiPropertyOptional({ example: 1, description: 'Required for sms: segments billed' })
  @ValidateIf((o: TrackUsageDto) => o.usage_type === 'sms' || o.segments !== undefined)
  @IsInt()
  @Min(1)
  @Max(100)
  segments?: number;
}
