/**
 * Text normalisation shared by indexing and querying: both sides must agree
 * exactly, or a query in full-width or traditional characters would miss
 * products written in half-width simplified Chinese.
 */

/*
 * Traditional → simplified pairs, two characters per entry (traditional
 * first). Grouped loosely by theme so a reviewer can check them; the
 * assistive-products vocabulary comes first because it matters most.
 * Only one-way, context-free conversions are listed: characters whose
 * simplification depends on the word (著/瞭/藉…) are deliberately left out.
 */
const pairs = `
輪轮 椅椅 聽听 柺拐 枴拐 電电 動动 護护 軟软 體体 讀读 語语 閱阅 鏡镜 顯显 點点 觸触 覺觉
義义 矯矫 復复 複复 視视 機机 導导 盤盘 飲饮 廁厕 沖冲 衝冲 潔洁 衛卫 輔辅 適适 練练 訓训
車车 協协 調调 認认 溝沟 鐘钟 鍾钟 錶表 報报 燈灯 門门 鈴铃 墊垫 褥褥 瘡疮 剎刹 摺折 疊叠
擴扩 聾聋 啞哑 殘残 礙碍 醫医 療疗 藥药 診诊 癱瘫 瘓痪 癒愈 癥症 腳脚 膚肤 頸颈 膝膝 關关
節节 憶忆 發发 聲声 遙遥 欄栏 螢萤 註注 冊册 書书 揚扬 蝸蜗 籤签 鑷镊 鉗钳 壺壶 餵喂 飯饭
筆笔 傳传 感感 測测 監监 壓压 儀仪 溫温 輸输 氣气 霧雾 紙纸 褲裤 襪袜 鞋鞋 鈕钮 帶带 轉转
移移 降降 樓楼 梯梯 擔担 穩稳 規规 證证 價价 補补 貼贴 優优 廠厂 應应 產产 製制 範范 圍围
說说 標标 識识 圖图 錄录 廣广 數数 幣币 輕轻 鋁铝 纖纤 維维 鋼钢 鐵铁 銅铜 鋰锂 池池
靜静 響响 閃闪 緊紧 煙烟 燃燃 險险 鎖锁 鑰钥 匙匙 碗碗 勺勺 筷筷 盃杯 湯汤 頭头 眼眼 腦脑
臉脸 頰颊 膽胆 腎肾 腸肠 臟脏 髒脏 脹胀 腫肿 膠胶 膿脓 脫脱 臍脐 臏髌 脛胫
為为 們们 個个 來来 時时 會会 對对 髮发 過过 還还 進进 這这 邊边 遠远 運运 選选 遊游 達达
連连 遲迟 違违 遞递 週周 邏逻 遺遗 遼辽 邁迈 迴回 遜逊 國国 圓圆 園园 團团 學学 實实 寫写
寶宝 審审 寬宽 寧宁 將将 專专 尋寻 壽寿 長长 張张 彈弹 強强 從从 後后 徑径 徵征 態态 總总
恆恒 悅悦 惡恶 愛爱 慣惯 慮虑 憂忧 懷怀 懶懒 懼惧 慶庆 憑凭 惱恼 憐怜 慚惭 戲戏 戰战 擇择
擊击 據据 擁拥 擋挡 擺摆 擾扰 攜携 搖摇 換换 揮挥 損损 撥拨 攝摄 撫抚 掃扫 掛挂 捨舍 採采
揀拣 擠挤 攔拦 攤摊 撐撑 撿捡 敵敌 斂敛 斷断 無无 燒烧 熱热 爐炉 營营 燦灿 燭烛 煩烦 東东
條条 楊杨 極极 構构 樣样 檢检 櫃柜 樂乐 橋桥 權权 歡欢 桿杆 槍枪 樹树 橫横 檔档 楓枫 棧栈
歲岁 歷历 曆历 歸归 沒没 決决 況况 淚泪 淨净 滅灭 滿满 漢汉 潛潜 澤泽 濕湿 溼湿 濟济
濾滤 瀏浏 灣湾 涼凉 準准 減减 漿浆 渦涡 澆浇 灑洒 潑泼 滾滚 滲渗 淺浅 爺爷 牆墙 獨独 獎奖
狀状 猶犹 獲获 穫获 現现 環环 瑪玛 璽玺 畫画 當当 異异 癢痒 瘋疯 瘧疟 瘺瘘 盡尽 儘尽 盜盗
眾众 衆众 礎础 確确 碼码 磚砖 禮礼 禍祸 種种 積积 稱称 穀谷 窮穷 竊窃 競竞 築筑 簡简 籃篮
簽签 籌筹 糧粮 聯联 聰聪 職职 與与 興兴 舉举 舊旧 艙舱 藝艺 葉叶 蘋苹 萬万 華华 莊庄 蓋盖
蘭兰 蘆芦 薦荐 蘇苏 蓮莲 處处 號号 虛虚 蟲虫 蠟蜡 術术 裝装 襯衬 襖袄 豐丰 豎竖 貓猫 趕赶
趨趋 跡迹 踐践 躍跃 蹤踪 辦办 辭辞 農农 郵邮 鄉乡 鄰邻 醬酱 釀酿 釋释 裡里 裏里 隻只 雙双
雖虽 難难 雜杂 離离 雲云 靈灵 韓韩 風风 颱台 臺台 檯台 飛飞 鬆松 鬥斗 鬧闹 麗丽 麥麦 麵面
黃黄 黨党 齊齐 齒齿 齡龄 龍龙 龜龟 嚴严 嗎吗 單单 嘗尝 啟启 喚唤 噴喷 嘆叹 歎叹 嚮向 嚇吓
囑嘱 劃划 劇剧 劑剂 創创 劍剑 則则 剛刚 剝剥 勞劳 勢势 勁劲 勵励 務务 勝胜 區区 匯汇 彙汇
參参 厲厉 厭厌 廳厅 廢废 廟庙 廚厨 庫库 備备 傷伤 僅仅 債债 億亿 側侧 傢家 偵侦 儲储
償偿 僑侨 傘伞 倉仓 倆俩 偉伟 倫伦 兒儿 內内 兩两 凍冻 嬰婴 婦妇 媽妈 孫孙 塊块 壞坏 場场
塗涂 壩坝 壯壮 夠够 夢梦 奪夺 奮奋 幫帮 師师 帳帐 幾几 戶户 掙挣 歐欧 毀毁 獻献 畢毕 盞盏
罷罢 羅罗 習习 翹翘 聖圣 膩腻 貝贝 軀躯 鄭郑 際际 雛雏 韌韧 鬍胡 鬚须 鹽盐 鹼碱 麼么 黴霉
員员 問问 業业 開开 間间 閉闭 閘闸 閒闲 聞闻 閣阁 闊阔 闆板 闖闯 閥阀 闡阐 閩闽 閻阎 闌阑
話话 請请 謝谢 讓让 記记 許许 設设 計计 評评 詢询 試试 詳详 誤误 課课 論论 諮咨 議议 譯译
變变 訊讯 詞词 該该 誌志 談谈 諾诺 謀谋 講讲 謹谨 譜谱 讚赞 訂订 討讨 託托 訴诉 詐诈 誠诚
誕诞 誇夸 誘诱 諒谅 誰谁 諸诸 謂谓 諧谐 謎谜 譽誉 訪访 詩诗 訣诀 詠咏 誼谊 謊谎 謠谣 訛讹
訝讶 詛诅 詼诙 誅诛 誣诬 誦诵 諂谄 諷讽 諺谚 謄誊 謗谤 謫谪 譏讥 譴谴 辯辩 警警
銀银 錢钱 鍵键 鏈链 針针 釘钉 錯错 鍋锅 銷销 鋪铺 鎮镇 釣钓 銳锐 鈣钙 鉛铅 鎳镍 鈦钛 錳锰
鋅锌 鉀钾 鈉钠 鐳镭 鍍镀 鑄铸 鋸锯 鏟铲 鍛锻 鑽钻 鑑鉴 鑒鉴 銘铭 鋒锋 鈍钝 鐲镯 鈔钞 鈞钧
鉅巨 銬铐 錦锦 錘锤 錨锚 鍬锹 鎂镁 鎊镑 鏽锈 鐮镰 鑲镶 銜衔 鋤锄
線线 細细 紅红 綠绿 藍蓝 織织 網网 繩绳 絕绝 給给 統统 結结 經经 級级 組组 紡纺 純纯 紋纹
續续 縮缩 績绩 繃绷 綁绑 緩缓 編编 縫缝 繞绕 纏缠 約约 紀纪 納纳 紐纽 絲丝 終终 絡络 綜综
緣缘 縣县 繫系 係系 紮扎 綿绵 緻致 縱纵 繪绘 纜缆 緒绪 紗纱 絨绒 綢绸 紛纷 綱纲 緝缉 緯纬
糾纠 紈纨 紉纫 紓纾 紳绅 紹绍 絀绌 絞绞 絢绚 綏绥 綴缀 緋绯 緬缅 縛缚 縝缜 繆缪 繡绣 繳缴
纓缨 繭茧
買买 賣卖 貨货 質质 費费 資资 購购 貴贵 賬账 財财 負负 責责 賠赔 貸贷 賓宾 贈赠 贊赞 賽赛
貢贡 販贩 貧贫 貿贸 賀贺 賞赏 賴赖 賦赋 賤贱 賢贤 贏赢 貞贞 賄贿 賺赚 賭赌 貪贪 貫贯 貶贬
賂赂 賃赁 賊贼 賜赐 贖赎
見见 觀观 覽览 親亲 覓觅
頁页 題题 顏颜 額额 願愿 類类 順顺 須须 項项 預预 領领 頻频 顧顾 顆颗 頂顶 頓顿 頒颁 頌颂
頗颇 顫颤 顎颚 頹颓 頃顷 頑顽 頤颐 顛颠 顱颅
馬马 駕驾 驗验 騎骑 驅驱 驚惊 騰腾 駐驻 驟骤 駁驳 駛驶 駱骆 驢驴 馭驭 馴驯 駝驼 騙骗 騷骚
驕骄 驛驿
魚鱼 鮮鲜 鳥鸟 雞鸡 鴨鸭 鵝鹅 鯉鲤 鯨鲸 鴉鸦 鴿鸽 鵬鹏 鶴鹤 鷹鹰 魯鲁 鮑鲍 鯊鲨 鱗鳞 鳳凤
鳴鸣 鴻鸿 鵑鹃 鶯莺 鷺鹭
餅饼 飽饱 館馆 養养 餓饿 飾饰 餘余 饅馒 餃饺 餡馅 餚肴 饑饥 飢饥 饒饶 飪饪 餞饯 餒馁 餛馄
饉馑 饞馋
輛辆 較较 載载 軌轨 軍军 軸轴 輻辐 輯辑 轎轿 輩辈 轄辖 轟轰 軋轧 轍辙 軻轲 輓挽 輝辉 輿舆
轅辕
陽阳 陰阴 隊队 陣阵 陸陆 隨随 隱隐 階阶 陳陈 隴陇 陝陕 隸隶
幹干 乾干 燙烫 滯滞 濁浊 澀涩 漁渔 滬沪 潤润 濱滨 灘滩 瀝沥 嗚呜 噸吨 嚨咙 囉啰 兌兑 勸劝
壇坛 罈坛 墳坟 奧奥 妝妆 寢寝 屬属 岡冈 島岛 峽峡 巖岩 幟帜 廂厢 彌弥 徹彻 憲宪 懸悬 戀恋
搶抢 擬拟 擱搁 攪搅 敗败 敘叙 斬斩 暈晕 暢畅 曉晓 暫暂 曬晒 朧胧 棄弃 榮荣 槓杠 樁桩 橢椭
櫥橱 殼壳 毆殴 氈毡 汙污 湧涌 滄沧 潰溃 澱淀 濃浓 爭争 牽牵 犧牺 獄狱 獅狮 甕瓮 瑣琐 畝亩
瘍疡 皺皱 盧卢 睜睁 矚瞩 碩硕 磯矶 祿禄 禦御 稅税 窩窝 窯窑 竅窍 筍笋 箏筝 簾帘 籠笼 糞粪
罰罚 羨羡 聳耸 肅肃 脅胁 脈脉 臨临 艦舰 艱艰 莖茎 薩萨 蕭萧 蘊蕴 虜虏 蝦虾 蠶蚕 衊蔑 豬猪
蹺跷 辮辫 鄧邓 醜丑 醞酝 釐厘 雋隽 韻韵 颳刮 飄飘 骯肮 鬱郁 鹹咸 齋斋 龐庞
傑杰 僕仆 偽伪 僞伪 儉俭 兇凶 凱凯 劉刘 勛勋 勳勋 匱匮 喪丧 奐奂 寵宠 屆届 層层 屢屡 嶺岭
巔巅 帥帅 幀帧 廈厦 廬庐 彎弯 悵怅 惻恻 愴怆 慘惨 慟恸 憫悯 懇恳 懲惩 懺忏 掄抡 揹背 搗捣
摯挚 撲扑 撻挞 擄掳 攏拢 攬揽 於于 昇升 晝昼 暉晖 曇昙 梟枭 棟栋 槳桨 樸朴 橈桡 檜桧 櫻樱
欖榄 殲歼 殤殇 氫氢 氬氩 汎泛 渾浑 湊凑 滸浒 漚沤 潁颍 澗涧 濰潍 瀉泻 瀋沈 烏乌 煒炜 燉炖
燜焖 燴烩 燼烬 爍烁 牘牍 犢犊 狹狭 琺珐 瑤瑶 瓏珑 甌瓯 痙痉 癟瘪 癲癫 皰疱 睏困 瞼睑 礦矿
礬矾 祕秘 禪禅 稈秆 穎颖 窪洼 竄窜 篤笃 簍篓 粵粤 羈羁 聶聂 聵聩 臘腊 艷艳 蒼苍 蓀荪 蔣蒋
蔥葱 蕩荡 薑姜 薺荠 蘚藓 蘿萝 虧亏 蝕蚀 螞蚂 蟬蝉 蠅蝇 蠣蛎 襠裆 襤褴 豈岂 趙赵 踴踊 蹌跄
躊踌 逕径 邇迩 鄒邹 醃腌 霽霁 靂雳 鞏巩 韋韦 韜韬 颯飒 馮冯 髏髅 鬢鬓 捲卷 籲吁 僱雇
`;

/** Traditional (and variant) character → simplified character. */
export const traditionalToSimplified: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const entry of pairs.split(/\s+/)) {
    const [from, to] = Array.from(entry);
    // Entries listing a character as its own simplification only document
    // that it is already simplified; they must not enter the map.
    if (from !== undefined && to !== undefined && from !== to) map.set(from, to);
  }
  return map;
})();

// One regular-expression pass is much faster than a per-character Map lookup
// loop over long descriptions, and most text contains no traditional character.
const traditionalPattern = new RegExp(`[${Array.from(traditionalToSimplified.keys()).join('')}]`, 'gu');

const toSimplified = (ch: string): string => traditionalToSimplified.get(ch) ?? ch;

/**
 * NFKC (which folds full-width Latin, digits, punctuation and the ideographic
 * space to half-width, and compatibility ideographs to unified ones),
 * lowercase, then traditional → simplified Chinese.
 */
export function normalise(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  traditionalPattern.lastIndex = 0;
  return traditionalPattern.test(folded) ? folded.replace(traditionalPattern, toSimplified) : folded;
}

/** True for CJK unified ideographs (basic block, extension A, compatibility, extensions B+). */
export function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2fa1f)
  );
}

const letterOrNumber = /[\p{L}\p{N}]/u;

/**
 * Normalised text with everything but letters, digits and Han removed: the
 * form used to compare a query with a whole product name, where spacing and
 * punctuation differences should not matter.
 */
export function compactKey(normalisedText: string): string {
  let out = '';
  for (const ch of normalisedText) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || isHanCode(code)) out += ch;
    else if (code > 0x7f && letterOrNumber.test(ch)) out += ch;
  }
  return out;
}
