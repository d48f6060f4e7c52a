import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { InvalidInputError, NotFoundError, paginated } from '@ringlypro/core';
import { RateCost, RouteCost, TenantClientStore } from '@ringlypro/tenancy';
import { AvailabilityService } from '../availability/availability.service';
import { AvailabilityQuery } from '../availability/dto/availability.query';
import { addDays, isCalendarDate } from '../availability/zoned-time';
import { appointmentView } from './appointment-view';
import { AppointmentsService } from './appointments.service';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { ListAppointmentsQuery } from './dto/list-appointments.query';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';

const MAX_WINDOW_DAYS = 31;
const AppointmentId = () => new ParseIntPipe({ exceptionFactory: () => new NotFoundError('Appointment not found') });

const APPOINTMENT_EXAMPLE = {
  success: true,
  appointment: {
    id: 41,
    confirmation_code: 'K7QM4XPA',
    customer_name: 'Ava Nguyen',
    customer_phone: '+16565550101',
    appointment_date: '2026-12-01',
    appointment_time: '10:00',
    timezone: 'America/New_York',
    duration: 30,
    starts_at: '2026-12-01T15:00:00.000Z',
    ends_at: '2026-12-01T15:30:00.000Z',
    status: 'confirmed',
    source: 'manual',
  },
};

@ApiTags('appointments')
@ApiBearerAuth('bearer')
@Controller('api/appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly availability: AvailabilityService,
    private readonly store: TenantClientStore,
  ) {}

  private async timezone(): Promise<string> {
    return (await this.store.get()).timezone;
  }

  @Get('availability')
  @RateCost(RouteCost.availability)
  @ApiOperation({ summary: 'Free slots for one local date (?date=) or a range of at most 31 days (?from=&to=)' })
  async availabilityFor(@Query() query: AvailabilityQuery) {
    const from = query.date ?? query.from;
    const to = query.date ?? query.to ?? query.from;
    if (!from || !to) throw new InvalidInputError([{ field: 'date', message: 'give date, or from and to' }]);
    for (const [field, value] of Object.entries({ from, to })) {
      if (!isCalendarDate(value)) throw new InvalidInputError([{ field: query.date ? 'date' : field, message: `${value} is not a calendar date` }]);
    }
    if (to < from) throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
    if (addDays(from, MAX_WINDOW_DAYS - 1) < to) throw new InvalidInputError([{ field: 'to', message: `at most ${MAX_WINDOW_DAYS} days at a time` }]);
    const { rules, slots } = await this.availability.slots(from, to, query.duration);
    return { timezone: rules.timeZone, duration: query.duration ?? rules.duration, from, to, slots };
  }

  @Get('today')
  @ApiOperation({ summary: "Today's appointments, today being the business's local date" })
  async today() {
    const { date, timezone, appointments } = await this.appointments.today();
    return { date, timezone, appointments: appointments.map((a) => appointmentView(a, timezone)) };
  }

  @Get('by-code/:code')
  @ApiOperation({ summary: 'Find an appointment by its confirmation code' })
  @ApiNotFoundResponse({ description: 'No appointment with that code in your business' })
  async byCode(@Param('code') code: string) {
    if (!/^[A-Za-z0-9]{4,20}$/.test(code)) throw new NotFoundError('Appointment not found');
    return { appointment: appointmentView(await this.appointments.byCode(code), await this.timezone()) };
  }

  @Get()
  @ApiOperation({ summary: 'Appointments, by local date range and status, paginated' })
  async list(@Query() query: ListAppointmentsQuery) {
    const timezone = await this.timezone();
    return paginated(await this.appointments.list(query), (a) => appointmentView(a, timezone));
  }

  @Post()
  @ApiOperation({ summary: 'Book an appointment (the customer becomes a contact; a confirmation text follows)' })
  @ApiCreatedResponse({ schema: { example: APPOINTMENT_EXAMPLE } })
  @ApiUnprocessableEntityResponse({ description: 'Outside business hours, a closed day, too soon, in the past or beyond the booking horizon' })
  @ApiConflictResponse({ description: 'The time overlaps another appointment' })
  async create(@Body() dto: CreateAppointmentDto) {
    const appointment = await this.appointments.book({ ...dto, source: dto.source ?? 'manual' });
    return { appointment: appointmentView(appointment, await this.timezone()) };
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such appointment in your business' })
  async get(@Param('id', AppointmentId()) id: number) {
    return { appointment: appointmentView(await this.appointments.get(id), await this.timezone()) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedule, change status, or edit details (same rules as booking)' })
  @ApiUnprocessableEntityResponse({ description: 'The new time breaks a booking rule, or the status change is not allowed' })
  @ApiConflictResponse({ description: 'The new time overlaps another appointment' })
  async update(@Param('id', AppointmentId()) id: number, @Body() dto: UpdateAppointmentDto) {
    return { appointment: appointmentView(await this.appointments.update(id, dto), await this.timezone()) };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (frees the slot); cancelling again changes nothing' })
  async cancel(@Param('id', AppointmentId()) id: number) {
    return { appointment: appointmentView(await this.appointments.cancel(id), await this.timezone()) };
  }
}
