import { ApiProperty } from '@nestjs/swagger';
import { IsDollarAmount } from './billing-validators';

export class AddCreditsDto {
  @ApiProperty({ example: '25.00', description: 'US dollars as a string, 0.01 to 1000.00' })
  @IsDollarAmount(0.01, 1000)
  amount: string;
}
