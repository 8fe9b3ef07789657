import { BadRequestException } from '@nestjs/common';
import { EventMessages } from '../weerpc.messages.js';

/**
 * Topic names: short, and free of what would be read as something else in a Redis key pattern or a
 * log line (spaces, `*`, `?`, `[`, line breaks). Topics often hold a caller's id (`user:42`), so a
 * name comes from data: it is checked on every `publish` and `subscribe`.
 */
const TOPIC = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/;

/** The topic, or a `BadRequestException` naming the rule. */
export function checkTopic(topic: unknown): string {
  if (typeof topic !== 'string' || !TOPIC.test(topic)) {
    throw new BadRequestException(EventMessages.invalidTopic(topic));
  }
  return topic;
}
