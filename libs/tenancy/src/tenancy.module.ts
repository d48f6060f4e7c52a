import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from './entities/client.entity';
import { Contact } from './entities/contact.entity';
import { User } from './entities/user.entity';

/** Tenancy: users, clients (the tenants), authentication, tenant scoping and the contacts CRM. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Client, Contact])],
  exports: [TypeOrmModule],
})
export class TenancyModule {}
