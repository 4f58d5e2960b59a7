/*
 * Moves the wall clock of every process that preloads it by VIGIL_CLOCK_OFFSET_SECONDS, and nothing
 * else: monotonic clocks, timers, sleeps and poll timeouts stay real. libfaketime cannot be used for
 * the year-ahead run: it also wraps poll/epoll_wait and returns the real time to code that runs while
 * they block, so PostgreSQL's SIGALRM handler (deadlock_timeout, statement_timeout) sees a time a
 * year before the deadline it set and re-arms the alarm for a year: deadlocks are never broken.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long offset_seconds;
static int (*real_clock_gettime)(clockid_t, struct timespec *);

__attribute__((constructor)) static void load(void) {
  const char *value = getenv("VIGIL_CLOCK_OFFSET_SECONDS");
  offset_seconds = value ? strtol(value, NULL, 10) : 0;
  real_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
}

static int is_wall_clock(clockid_t clock) {
  return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI;
}

int clock_gettime(clockid_t clock, struct timespec *now) {
  if (!real_clock_gettime) load();
  int result = real_clock_gettime(clock, now);
  if (result == 0 && is_wall_clock(clock)) now->tv_sec += offset_seconds;
  return result;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone) {
  (void)zone;
  struct timespec ts;
  int result = clock_gettime(CLOCK_REALTIME, &ts);
  if (result == 0) {
    now->tv_sec = ts.tv_sec;
    now->tv_usec = ts.tv_nsec / 1000;
  }
  return result;
}

time_t time(time_t *out) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (out) *out = ts.tv_sec;
  return ts.tv_sec;
}

int timespec_get(struct timespec *now, int base) {
  if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, now) != 0) return 0;
  return base;
}
