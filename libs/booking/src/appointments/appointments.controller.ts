import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, IdParam, InvalidInputError, NotFoundError, paginated } from '@ringlypro/core';
import { RateCost, RouteCost, TenantClientStore } from '@ringlypro/tenancy';
import { AvailabilityService } from '../availability/availability.service';
import { AvailabilityQuery } from '../availability/dto/availability.query';
import { addDays } from '../availability/zoned-time';
import { appointmentView } from './appointment-view';
import { AppointmentsService } from './appointments.service';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { ListAppointmentsQuery } from './dto/list-appointments.query';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';

const MAX_WINDOW_DAYS = 31;

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

const NOT_FOUND: [404, string] = [404, 'No such appointment in your business'];
const SLOTS_EXAMPLE = {
  success: true,
  timezone: 'America/New_York',
  duration: 30,
  from: '2026-12-01',
  to: '2026-12-01',
  slots: [{ date: '2026-12-01', time: '09:00', starts_at: '2026-12-01T14:00:00.000Z', ends_at: '2026-12-01T14:30:00.000Z' }],
};

@ApiTags('appointments')
@ApiErrors(401, 429)
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
  @ApiOperation({ summary: 'Free slots for one local date (?date=) or a range of at most 31 days (?from=&to=), within today … the booking horizon' })
  @ApiSuccess(SLOTS_EXAMPLE)
  @ApiErrors([400, 'A date that is not a real calendar day, a range longer than 31 days, or dates before today or beyond the booking horizon; names the field'])
  async availabilityFor(@Query() query: AvailabilityQuery) {
    const from = query.date ?? query.from;
    const to = query.date ?? query.to ?? query.from;
    if (!from || !to) throw new InvalidInputError([{ field: 'date', message: 'give date, or from and to' }]);
    if (to < from) throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
    if (addDays(from, MAX_WINDOW_DAYS - 1) < to) throw new InvalidInputError([{ field: 'to', message: `at most ${MAX_WINDOW_DAYS} days at a time` }]);
    // Only today … the booking horizon can hold a bookable slot; asking outside it is a mistake worth naming.
    const { date: today } = await this.availability.today();
    const { horizonDays } = await this.availability.rules();
    if (from < today) throw new InvalidInputError([{ field: query.date ? 'date' : 'from', message: `${query.date ? 'date' : 'from'} must not be before today (${today} in the business's time zone)` }]);
    const lastBookable = addDays(today, horizonDays);
    if (to > lastBookable) throw new InvalidInputError([{ field: query.date ? 'date' : 'to', message: `${query.date ? 'date' : 'to'} must be within the booking horizon: at most ${horizonDays} days ahead (${lastBookable})` }]);
    const { rules, slots } = await this.availability.slots(from, to, query.duration);
    return { timezone: rules.timeZone, duration: query.duration ?? rules.duration, from, to, slots };
  }

  @Get('today')
  @ApiOperation({ summary: "Today's appointments, today being the business's local date" })
  @ApiSuccess({ success: true, date: '2026-12-01', timezone: 'America/New_York', appointments: [APPOINTMENT_EXAMPLE.appointment] })
  async today() {
    const { date, timezone, appointments } = await this.appointments.today();
    return { date, timezone, appointments: appointments.map((a) => appointmentView(a, timezone)) };
  }

  @Get('by-code/:code')
  @ApiParam({ name: 'code', description: 'The 8-character confirmation code', schema: { type: 'string', pattern: '^[A-Za-z0-9]{4,20}$', maxLength: 20 } })
  @ApiOperation({ summary: 'Find an appointment by its confirmation code' })
  @ApiSuccess(APPOINTMENT_EXAMPLE)
  @ApiErrors([404, 'No appointment with that code in your business'])
  async byCode(@Param('code') code: string) {
    if (!/^[A-Za-z0-9]{4,20}$/.test(code)) throw new NotFoundError('Appointment not found');
    return { appointment: appointmentView(await this.appointments.byCode(code), await this.timezone()) };
  }

  @Get()
  @ApiOperation({ summary: 'Appointments, by local date range and status, paginated' })
  @ApiSuccess({ success: true, data: [APPOINTMENT_EXAMPLE.appointment], pagination: { page: 1, page_size: 20, total: 1 } })
  @ApiErrors(400)
  async list(@Query() query: ListAppointmentsQuery) {
    const timezone = await this.timezone();
    return paginated(await this.appointments.list(query), (a) => appointmentView(a, timezone));
  }

  @Post()
  @ApiOperation({ summary: 'Book an appointment (the customer becomes a contact; a confirmation text follows)' })
  @ApiSuccess(APPOINTMENT_EXAMPLE, { status: 201 })
  @ApiErrors(
    400,
    [409, 'The time overlaps another appointment'],
    [422, 'Outside business hours, a closed day, too soon, in the past, beyond the booking horizon, or booking is off'],
  )
  async create(@Body() dto: CreateAppointmentDto) {
    const appointment = await this.appointments.book({ ...dto, source: dto.source ?? 'manual' });
    return { appointment: appointmentView(appointment, await this.timezone()) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appointment, with its local date and time' })
  @ApiSuccess(APPOINTMENT_EXAMPLE)
  @ApiErrors(NOT_FOUND)
  async get(@IdParam('id', 'Appointment not found') id: number) {
    return { appointment: appointmentView(await this.appointments.get(id), await this.timezone()) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedule, change status, or edit details (same rules as booking); the customer is texted a move or a cancellation' })
  @ApiSuccess(APPOINTMENT_EXAMPLE)
  @ApiErrors(
    400,
    NOT_FOUND,
    [409, 'The new time overlaps another appointment'],
    [422, 'The new time breaks a booking rule, the status change is not allowed, or completed before it started'],
  )
  async update(@IdParam('id', 'Appointment not found') id: number, @Body() dto: UpdateAppointmentDto) {
    return { appointment: appointmentView(await this.appointments.update(id, dto, 'tell-customer'), await this.timezone()) };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (frees the slot and texts the customer); cancelling again changes nothing' })
  @ApiSuccess({ success: true, appointment: { ...APPOINTMENT_EXAMPLE.appointment, status: 'cancelled' } })
  @ApiErrors(NOT_FOUND, [422, 'A completed appointment cannot be cancelled'])
  async cancel(@IdParam('id', 'Appointment not found') id: number) {
    return { appointment: appointmentView(await this.appointments.cancel(id, 'tell-customer'), await this.timezone()) };
  }
}
