import { describe, expect, it } from 'vitest';
import { compactKey, normalise, traditionalToSimplified } from './normalise.ts';

describe('normalise', () => {
  it('folds full-width letters, digits and spaces to half-width and lowercases', () => {
    expect(normalise('ＫＸ－２００　Ｗｈｅｅｌｃｈａｉｒ')).toBe('kx-200 wheelchair');
  });

  it('converts the assistive-products vocabulary from traditional to simplified', () => {
    expect(normalise('輪椅 助聽器 柺杖 枴杖 盲杖 電動護理床')).toBe('轮椅 助听器 拐杖 拐杖 盲杖 电动护理床');
    expect(normalise('讀屏軟體 語音閱讀 放大鏡 顯示器 點字 觸覺')).toBe(
      '读屏软体 语音阅读 放大镜 显示器 点字 触觉',
    );
    expect(normalise('義肢 矯形器 護具 復健 康復 聽力 視力')).toBe('义肢 矫形器 护具 复健 康复 听力 视力');
    expect(normalise('餐飲 廁所 淋浴 扶手 坡道 沖洗 潔具 衛浴 輔具 適配 訓練')).toBe(
      '餐饮 厕所 淋浴 扶手 坡道 冲洗 洁具 卫浴 辅具 适配 训练',
    );
    expect(normalise('行動 協調 認知 溝通 鬧鐘 手錶 報警 燈 門鈴 震動')).toBe(
      '行动 协调 认知 沟通 闹钟 手表 报警 灯 门铃 震动',
    );
  });

  it('has a table of several hundred characters with no chains or identities', () => {
    expect(traditionalToSimplified.size).toBeGreaterThanOrEqual(600);
    for (const [from, to] of traditionalToSimplified) {
      expect(from).not.toBe(to);
      // A simplified character is never itself converted again.
      expect(traditionalToSimplified.has(to)).toBe(false);
    }
  });

  it('leaves simplified text and Latin text alone', () => {
    expect(normalise('电动轮椅 abc 123')).toBe('电动轮椅 abc 123');
  });

  it('compacts to letters, digits and Han only', () => {
    expect(compactKey(normalise('鱼跃 电动轮椅（D130-L）'))).toBe('鱼跃电动轮椅d130l');
  });
});
