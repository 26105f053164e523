#!/usr/bin/env python3
"""Where a server's Java time goes during one load case, from a JFR recording.

Usage: maintenance-benchmarks/jfr-profile.py RECORDING.jfr [TOP]

Reads the execution samples (threads running Java code; time in the kernel is not
sampled: load.sh reports it as "% kernel") and sorts each sample into one bucket, first
match wins, walking from the running frame towards the thread's root:
  Spring MVC           DispatcherServlet and below (controller, Jackson)
  Spring Security      its filters
  maintenance filter   the starter's code and what it calls, not what runs after it
                       passed the request down the filter chain; the container's own
                       code that the filter calls to write a response is counted apart
  filter X             another filter's own work (such as Boot's observation filter,
                       which records http.server.requests)
  servlet container    Tomcat or Jetty: HTTP parsing, I/O, connections, the filter chain
  JDK / other          threads outside the container (JIT compiler threads are not
                       sampled; GC and timers are)
Then prints the hottest running methods.
"""
import collections
import json
import subprocess
import sys

STARTER = 'io.github.maintenancemode.'
# a filter's own frames, or the chain's when the class is a chain
FILTER_METHODS = ('doFilter', 'doFilterInternal', 'internalDoFilter')
CONTAINERS = ('org.apache.catalina.', 'org.apache.coyote.', 'org.apache.tomcat.', 'org.eclipse.jetty.')


def frames_of(event):
    trace = event['values'].get('stackTrace') or {}
    for frame in trace.get('frames') or []:
        method = frame['method']
        yield method['type']['name'].replace('/', '.'), method['name'], frame.get('lineNumber')


def bucket(frames):
    past_chain = False
    for index, (cls, method, _) in enumerate(frames):
        if cls == 'org.springframework.web.servlet.DispatcherServlet':
            return 'Spring MVC (dispatcher, controller, Jackson)'
        if cls.startswith('org.springframework.security.'):
            return 'Spring Security'
        if past_chain:
            continue
        if cls.startswith(STARTER):
            if any(frame[0].startswith(CONTAINERS) for frame in frames[:index]):
                return 'servlet container, called by the maintenance filter (writing its response)'
            return 'maintenance filter (its code and the JDK/Spring code it calls)'
        if method in FILTER_METHODS and 'Chain' not in cls:
            return 'filter ' + cls.rsplit('.', 1)[-1]
        if method in FILTER_METHODS:
            # the chain goes on past a filter: the filter further up only passed the
            # request on; the time belongs to the container's chain or a later filter
            past_chain = True
    for cls, _, _ in frames:
        if cls.startswith(CONTAINERS):
            return 'servlet container (Tomcat/Jetty)'
    return 'JDK / other'


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    output = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '64', '--events', 'jdk.ExecutionSample',
                             sys.argv[1]], capture_output=True, text=True, check=True).stdout
    events = json.loads(output)['recording']['events']
    buckets = collections.Counter()
    hot = collections.Counter()
    for event in events:
        frames = list(frames_of(event))
        if not frames:
            continue
        buckets[bucket(frames)] += 1
        cls, method, line = frames[0]
        hot[f'{cls}.{method}:{line}'] += 1
    total = sum(buckets.values()) or 1
    print(f'{total} execution samples')
    for name, count in buckets.most_common():
        print(f'{100.0 * count / total:5.1f}%  {name}')
    print(f'\nhottest running methods (top {top})')
    for name, count in hot.most_common(top):
        print(f'{100.0 * count / total:5.1f}%  {name}')


if __name__ == '__main__':
    main()
