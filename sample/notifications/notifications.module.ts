import { Module } from '@nestjs/common';
import { WeeRpcModule } from 'nestjs-weerpc';
import { NotificationsService } from './notifications.service.js';

/**
 * The `/rpc/notifications` endpoint, public (no login: a demo of live events between tabs). An
 * endpoint of its own, as `watch` never ends: the root endpoint's functions are all called plainly by
 * OpenRPC test tools, and a plain call of `watch` would wait forever.
 */
@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/notifications', discovery: { title: 'Notifications' }, ws: true })],
  providers: [NotificationsService],
})
export class NotificationsModule {}
