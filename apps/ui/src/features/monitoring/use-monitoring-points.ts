import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../shared/api/api-client.ts';
import { queryPrometheusPoint } from './api/query-prometheus.ts';
import { scrapeMetrics } from './api/scrape-metrics.ts';
import { metricWindow, type MonitoringPoint } from './metric-window.ts';
import type { Sample } from './prometheus-text.ts';

/** Points kept for the charts (10 minutes at the default 5 s). */
export const keptPoints = 120;

/**
 * Samples the monitoring figures every `refreshSeconds`: from Prometheus when configured, else by
 * scraping the API's /metrics and differencing consecutive scrapes. Keeps the last points and the
 * last error (the charts stay up while one scrape fails).
 */
export function useMonitoringPoints(api: ApiClient, prometheusUrl: string | undefined, refreshSeconds: number) {
  const [points, setPoints] = useState<MonitoringPoint[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const previous = useRef<{ samples: Sample[]; time: number } | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const add = (point: MonitoringPoint) => setPoints((known) => [...known, point].slice(-keptPoints));
    const tick = async () => {
      try {
        if (prometheusUrl !== undefined) add(await queryPrometheusPoint(prometheusUrl, controller.signal));
        else {
          const samples = await scrapeMetrics(api, controller.signal);
          const time = Date.now();
          const before = previous.current;
          previous.current = { samples, time };
          if (before !== undefined) add(metricWindow(before.samples, samples, Math.max((time - before.time) / 1000, 0.001), time));
        }
        setError(undefined);
      } catch (failure) {
        if (!controller.signal.aborted) setError((failure as Error).message);
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), refreshSeconds * 1000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [api, prometheusUrl, refreshSeconds]);

  return { points, error };
}
